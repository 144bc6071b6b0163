"""The livrables' personal data (declared to ``socle.donnees_personnelles``).

Versions and the fiche synthétique name the accounts that deposited, reviewed or edited them:
they stay for the atelier's life, their authors anonymised with their accounts (the public
catalogue shows no name). The export gives a person their deposits and reviews.
"""

from django.db.models import Q

from socle.donnees_personnelles import Extrait, Sorte, declarer

from .models import FicheSynthetique, Version


def _livrables(email, compte):
    versions = Version.objects.filter(Q(deposee_par=compte) | Q(avis_par=compte)).select_related(
        "livrable__atelier__candidature"
    )
    lignes = []
    for v in versions:
        ligne = {
            "atelier": v.livrable.atelier.reference,
            "livrable": v.livrable.nom,
            "version": v.numero,
        }
        if v.deposee_par_id == compte.pk:
            lignes.append(
                ligne
                | {"quoi": "dépôt", "date": v.deposee_le, "fichier": v.nom_fichier, "note": v.note}
            )
        if v.avis_par_id == compte.pk:
            lignes.append(
                ligne
                | {
                    "quoi": "avis",
                    "date": v.avis_le,
                    "avis": v.get_avis_display(),
                    "commentaire": v.commentaire,
                }
            )
    return lignes


declarer(
    Sorte(
        "versions",
        Version,
        ("deposee_par", "note", "avis_par", "commentaire"),
        ordre=100,
        export=(Extrait("livrables", _livrables),),
    )
)
declarer(Sorte("fiches_synthetiques", FicheSynthetique, ("modifie_par",), ordre=900))

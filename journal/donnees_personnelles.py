"""The audit journal's personal data (declared to ``socle.donnees_personnelles``).

The journal is append-only and chained: it is never rewritten. Its actor is an account, shown
« Compte anonymisé » once that account is; the export gives a person what they did, and what
others did to their account with those others named by role only.
"""

from django.contrib.contenttypes.models import ContentType

from socle.donnees_personnelles import Extrait, Sorte, declarer

from .models import Evenement


def _actions(email, compte):
    types = {ct.pk: ct for ct in ContentType.objects.all()}
    return [
        {
            "date": e.date,
            "objet": f"{types[e.content_type_id].name} n° {e.object_id}",
            "action": e.action,
            "libelle": e.libelle,
            "etat_avant": e.etat_avant,
            "etat_apres": e.etat_apres,
            "commentaire": e.commentaire,
        }
        for e in Evenement.objects.filter(acteur=compte).order_by("date", "pk")
    ]


def _evenements_du_compte(email, compte):
    return [
        {
            "date": e.date,
            "libelle": e.libelle,
            "commentaire": e.commentaire,
            "par": e.acteur.get_role_display() if e.acteur_id else "le portail",
        }
        for e in Evenement.objects.pour(compte).exclude(acteur=compte)
    ]


declarer(
    Sorte(
        "journal",
        Evenement,
        ("acteur", "commentaire"),
        ordre=110,
        export=(
            Extrait("actions_au_journal", _actions),
            Extrait("evenements_du_compte", _evenements_du_compte),
        ),
    )
)

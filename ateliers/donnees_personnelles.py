"""The ateliers' personal data (declared to ``socle.donnees_personnelles``).

An atelier's file keeps its contacts for years after the closure (the roadmap's actions are
followed, the bons may be checked); then they are anonymised, and so is the programme's list
of people invited on site, a part of the file added to ``candidatures.donnees_personnelles``.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from candidatures.donnees_personnelles import (
    CHAMPS_CONTACT,
    Partie,
    ajouter_partie,
    dossiers_a_anonymiser,
    traitement_du_dossier,
)
from candidatures.models import Candidature, StatutCandidature
from socle.donnees_personnelles import Extrait, Sorte, declarer

from .models import Atelier, MessageAtelier, Phase, ProgrammeSurSite

INVITES_ANONYMISES = "Liste des personnes invitées anonymisée."


def _invites_portes():
    return Exists(
        ProgrammeSurSite.objects.filter(atelier__candidature=OuterRef("pk"))
        .exclude(invites="")
        .exclude(invites=INVITES_ANONYMISES)
    )


def _anonymiser_programme(cand):
    """The people invited on site, by name, in the atelier's programme."""
    atelier = Atelier.objects.filter(candidature=cand).first()
    if atelier is None:
        return []
    programme = ProgrammeSurSite.objects.select_for_update().filter(atelier=atelier).first()
    if programme is None or programme.invites in ("", INVITES_ANONYMISES):
        return []
    programme.invites = INVITES_ANONYMISES
    programme.save(update_fields=["invites"])
    return [(atelier, "Personnes invitées sur site anonymisées (durée de conservation écoulée)")]


ajouter_partie(Partie(_invites_portes, _anonymiser_programme))


def candidatures_d_ateliers_clotures(seuil):
    """Files whose atelier was closed before ``seuil``."""
    return dossiers_a_anonymiser(
        Candidature.objects.filter(
            statut=StatutCandidature.ATTRIBUEE, atelier__phase=Phase.CLOTURE
        ).filter(
            Q(atelier__date_cloture__lt=timezone.localtime(seuil).date())
            | Q(atelier__date_cloture__isnull=True, atelier__modifie_le__lt=seuil)
        )
    )


def _messages(email, compte):
    return [
        {"fil": "atelier", "dossier": m.atelier.reference, "date": m.date, "texte": m.texte}
        for m in MessageAtelier.objects.filter(auteur=compte).select_related("atelier__candidature")
    ]


declarer(
    Sorte(
        "ateliers_clotures",
        Candidature,
        CHAMPS_CONTACT,
        ordre=20,
        libelle="Ateliers clôturés : contacts anonymisés",
        conservation="CONSERVATION_ATELIERS_CLOTURES_ANS",
        selection=candidatures_d_ateliers_clotures,
        traiter=traitement_du_dossier(candidatures_d_ateliers_clotures),
    )
)
# Anonymised with the atelier's file (the part above).
declarer(Sorte("programmes_sur_site", ProgrammeSurSite, ("invites",), ordre=25))
# Joined to the files' messages in the export, in date order.
declarer(
    Sorte(
        "messages_atelier",
        MessageAtelier,
        ("auteur", "texte"),
        ordre=71,
        export=(Extrait("messages", _messages, tri="date"),),
    )
)

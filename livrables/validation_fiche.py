"""The pilot service validates the fiche synthétique: the public catalogue shows an atelier
only once its fiche is validated (``catalogue.selecteurs.publies``), and a validated fiche no
longer changes (what the public reads is what the service validated).

The titulaire writes the fiche (``services``, ``views_fiche``); the service reads it on its
page and validates it there, once every rubrique is written. The validation is journaled on
the atelier's timeline and told to those who follow it.
"""

from django.db import transaction
from django.utils import timezone

from ateliers.destinataires import prevenir
from ateliers.models import Publication
from ateliers.permissions import est_du_service_pilote, peut_rediger
from ateliers.workflow import Journal
from journal.models import enregistrer
from journal.transitions import exiger, verrouiller
from notifications.sujets import Sujet
from socle.decisions import OUI, non
from socle.formats import date_longue

from .models import FicheSynthetique

# What the public page of the atelier shows, in the order of the fiche's form.
RUBRIQUES = (
    "annee",
    "territoire",
    "maitrise_ouvrage",
    "contexte",
    "enjeux",
    "productions",
    "suites",
)


def manques(fiche):
    """What the fiche still lacks before it can be validated, in words."""
    if fiche.pk is None:
        return ["la fiche n'est pas encore rédigée par le titulaire"]
    return [
        f"« {FicheSynthetique._meta.get_field(nom).verbose_name} »"
        for nom in RUBRIQUES
        if not getattr(fiche, nom)
    ]


def peut_valider(user, atelier, fiche):
    if not est_du_service_pilote(user, atelier):
        return non("Seul le service pilote valide la fiche synthétique.")
    if fiche.est_validee:
        return non(f"La fiche synthétique est déjà validée, le {date_longue(fiche.validee_le)}.")
    manque = manques(fiche)
    if manque:
        return non(
            "La fiche synthétique ne peut pas encore être validée : il manque "
            + ", ".join(manque)
            + "."
        )
    return OUI


def peut_modifier(user, atelier, fiche):
    """The titulaire writes the fiche (``peut_rediger``) until the service validates it."""
    decision = peut_rediger(user, atelier)
    if decision and fiche.est_validee:
        return non(
            "La fiche synthétique est validée par le service pilote : elle ne se modifie plus."
        )
    return decision


def _ce_que_devient(atelier):
    if atelier.publication == Publication.NON_PUBLIE:
        return "La DGALN a retiré l'atelier du catalogue public : il n'y paraît pas."
    if atelier.publication == Publication.PUBLIE or atelier.est_cloture:
        return "L'atelier figure désormais au catalogue public des ateliers réalisés."
    return "L'atelier entrera au catalogue public des ateliers réalisés à sa clôture."


@transaction.atomic
def valider(acteur, atelier):
    """The service validates the written fiche (the atelier's row locked, then the fiche's)."""
    atelier = verrouiller(atelier)
    fiche = FicheSynthetique.objects.select_for_update().filter(atelier=atelier).first()
    fiche = fiche or FicheSynthetique(atelier=atelier)
    exiger(peut_valider(acteur, atelier, fiche))
    fiche.validee_le, fiche.validee_par = timezone.now(), acteur
    fiche.save(update_fields=["validee_le", "validee_par"])
    suite = _ce_que_devient(atelier)
    enregistrer(
        atelier, acteur, Journal.FICHE_VALIDEE, "Fiche synthétique validée", commentaire=suite
    )
    prevenir(
        atelier,
        acteur,
        f"Fiche synthétique validée : {atelier.candidature.titre}",
        f"Le service pilote valide la fiche synthétique de l'atelier. {suite}",
        evenement=Sujet.ATELIER,
    )
    return fiche

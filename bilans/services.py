"""Every change of the bilans and follow-ups: one function each, taking the acting person,
in one transaction, checked against ``permissions`` and journalled on the record (the
atelier's timeline shows it to those who may read it)."""

from django.db import transaction
from django.utils import timezone

from ateliers.models import Atelier
from journal.models import enregistrer
from socle.decisions import TransitionRefusee, exiger

from . import permissions
from .models import NATURES_AVEC_PROGRAMME, QUESTIONS, Bilan, Suite
from .workflow import Journal

CHAMPS_DU_BILAN = (*(q.champ for q in QUESTIONS), "recommande", "commentaire")


def _resume(bilan):
    recommande = {True: "recommande", False: "ne recommande pas", None: "?"}[bilan.recommande]
    return ", ".join([*(getattr(bilan, q.champ) for q in QUESTIONS), recommande])


@transaction.atomic
def repondre(acteur, atelier, **reponses):
    """``acteur`` answers (or corrects) the bilan of its side of ``atelier``."""
    atelier = Atelier.objects.select_for_update().get(pk=atelier.pk)
    cote = permissions.cote_de(acteur, atelier)
    bilan = Bilan.objects.select_for_update().filter(atelier=atelier, cote=cote).first()
    exiger(permissions.peut_repondre(acteur, atelier, bilan))
    if bilan is None:
        bilan = Bilan(atelier=atelier, cote=cote)
    correction = bilan.est_rempli
    avant = _resume(bilan) if correction else ""
    for champ in CHAMPS_DU_BILAN:
        setattr(bilan, champ, reponses[champ])
    maintenant = timezone.now()
    if not correction:
        bilan.repondu_le, bilan.auteur = maintenant, acteur
    bilan.modifie_le = maintenant
    bilan.save()
    code = Journal.BILAN_CORRIGE if correction else Journal.BILAN
    # The answers go in the comment: the journal's states are short codes (30 characters).
    apres = _resume(bilan)
    enregistrer(
        bilan,
        acteur,
        code,
        f"{code.label} ({bilan.get_cote_display().lower()})",
        "rempli" if correction else "",
        "rempli",
        f"Avant : {avant}\nAprès : {apres}" if correction else apres,
    )
    return bilan


@transaction.atomic
def ajouter_suite(acteur, atelier, *, nature, date, texte, programme=None, autre_programme=""):
    """``acteur`` records what ``atelier`` led to."""
    atelier = Atelier.objects.select_for_update().get(pk=atelier.pk)
    exiger(permissions.peut_ajouter_suite(acteur, atelier))
    if nature not in NATURES_AVEC_PROGRAMME:
        programme, autre_programme = None, ""
    elif programme is None and not autre_programme.strip():
        raise TransitionRefusee("Indiquez le programme ou le financement.")
    suite = Suite.objects.create(
        atelier=atelier,
        nature=nature,
        programme=programme,
        autre_programme=autre_programme.strip(),
        date=date,
        texte=texte.strip(),
        auteur=acteur,
    )
    enregistrer(
        suite,
        acteur,
        Journal.SUITE,
        f"{Journal.SUITE.label} : {suite.get_nature_display()}",
        commentaire=suite.texte,
    )
    return suite

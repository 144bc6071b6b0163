"""The scan's life: queued after the upload commits, a verdict from clamd, a sweep.

A row "en analyse" is queued with the time it was queued; the worker asks clamd; a clean file
becomes "sain", an infected one "infecte" (its bytes deleted, the event written to the audit
journal). When clamd or the broker is down the row simply stays "en analyse", never offered,
and the sweep (Celery beat, or ``manage.py relancer_analyses``) queues it again.
"""

import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from journal.models import enregistrer
from socle import fichiers, file_attente

from . import clamd
from .models import EtatAnalyse, FichierAnalyse, antivirus_actif

logger = logging.getLogger(__name__)


def modeles_analyses():
    """Every model whose uploads are scanned (they inherit FichierAnalyse)."""
    return [m for m in apps.get_models() if issubclass(m, FichierAnalyse)]


def mettre_en_file(modele, pk):
    """Queue the scan of row ``pk``; if the broker is down, leave it for the sweep."""
    from .tasks import analyser_fichier

    label = modele._meta.label
    return file_attente.mettre_en_file(
        modele,
        pk,
        analyser_fichier,
        f"Analyse antivirus de {label}",
        arguments=(label, pk),
        champ="analyse_en_file_le",
    )


def analyser(modele, pk):
    """Ask clamd about the file of row ``pk`` if it waits; return its new state, or None."""
    objet = modele.objects.filter(pk=pk, analyse=EtatAnalyse.EN_ANALYSE).first()
    if objet is None or not antivirus_actif():
        return None
    try:
        with objet.fichier.open("rb") as flux:
            verdict = clamd.analyser(flux, settings.CLAMD_SOCKET)
    except clamd.ClamdIndisponible as erreur:
        logger.warning("%s %s reste en analyse : %s", modele._meta.label, pk, erreur)
        return None
    except FileNotFoundError:
        logger.error("%s %s : fichier introuvable, analyse impossible.", modele._meta.label, pk)
        return None
    if verdict.sain:
        modele.objects.filter(pk=pk, analyse=EtatAnalyse.EN_ANALYSE).update(
            analyse=EtatAnalyse.SAIN, analyse_le=timezone.now()
        )
        return EtatAnalyse.SAIN
    _refuser(objet, verdict.signature)
    return EtatAnalyse.INFECTE


class ActionAntivirus(models.TextChoices):
    """The journal's code for an infected file refused."""

    VIRUS_DETECTE = "virus_detecte", "Fichier refusé : virus détecté"


@transaction.atomic
def _refuser(objet, signature):
    """An infected file: refused for good, its bytes deleted, the event in the journal."""
    modele = type(objet)
    pris = modele.objects.filter(pk=objet.pk, analyse=EtatAnalyse.EN_ANALYSE).update(
        analyse=EtatAnalyse.INFECTE, virus=signature[:200], analyse_le=timezone.now()
    )
    if not pris:  # another delivery of the task got there first
        return
    sujet, deposant = objet.sujet_du_journal()
    enregistrer(
        sujet,
        deposant,
        ActionAntivirus.VIRUS_DETECTE,
        f"Fichier refusé : virus détecté ({signature}) — « {objet.nom_fichier} »",
        commentaire="Le fichier a été supprimé ; un autre fichier doit être déposé.",
    )
    logger.warning("%s %s : virus %s, fichier supprimé.", modele._meta.label, objet.pk, signature)
    # The row keeps the (now dangling) name: the page still shows which file was refused.
    fichiers.supprimer_apres_validation(objet.fichier)


def balayer():
    """Queue again the scans waiting longer than ANTIVIRUS_DELAI_BALAYAGE (or never queued)."""
    if not antivirus_actif():
        return 0
    limite = timezone.now() - timedelta(seconds=settings.ANTIVIRUS_DELAI_BALAYAGE)
    nombre = 0
    for modele in modeles_analyses():
        oublies = modele.objects.filter(analyse=EtatAnalyse.EN_ANALYSE).filter(
            Q(analyse_en_file_le__isnull=True) | Q(analyse_en_file_le__lt=limite)
        )
        for pk in oublies.values_list("pk", flat=True):
            mettre_en_file(modele, pk)
            nombre += 1
    return nombre

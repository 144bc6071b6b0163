"""The queue's life shared by the files the worker makes (PDF documents, list exports).

A row waits (``en_attente``) with the time it was queued; a worker takes it (``en_cours``) by
compare-and-set, so two deliveries of the same task never work twice; the sweep queues again
what the broker lost (Redis down when the page was answered) and takes back what a dead worker
left behind. The models carry ``statut``, ``mis_en_file_le`` and ``commence_le``.
"""

import logging

from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

EN_ATTENTE, EN_COURS = "en_attente", "en_cours"


def mettre_en_file(modele, pk, tache, libelle, arguments=None, champ="mis_en_file_le"):
    """Queue ``tache(*arguments)`` (default: ``tache(pk)``) and note the time in ``champ``; if
    the broker is down, log it and leave the row for the sweep."""
    modele.objects.filter(pk=pk).update(**{champ: timezone.now()})
    try:
        tache.delay(*(arguments or (pk,)))
    except (OperationalError, OSError) as erreur:
        logger.warning(
            "%s %s non mis en file (%s) : le balayage le relancera.", libelle, pk, erreur
        )
        return False
    return True


def prendre(queryset, pk, abandonne, **changements):
    """Mark row ``pk`` as being worked on if it waits, or if its worker started before
    ``abandonne`` (dead); return it read through ``queryset``, or None if it is not ours."""
    pris = (
        queryset.model.objects.filter(pk=pk)
        .filter(Q(statut=EN_ATTENTE) | Q(statut=EN_COURS, commence_le__lt=abandonne))
        .update(statut=EN_COURS, commence_le=timezone.now(), **changements)
    )
    return queryset.get(pk=pk) if pris else None


def oublies(modele, limite, abandonne):
    """The rows still waiting though queued before ``limite`` (or never), and those whose
    worker started before ``abandonne``: what the sweep queues again."""
    return list(
        modele.objects.filter(
            Q(statut=EN_ATTENTE) & (Q(mis_en_file_le__isnull=True) | Q(mis_en_file_le__lt=limite))
            | Q(statut=EN_COURS, commence_le__lt=abandonne)
        ).values_list("pk", flat=True)
    )

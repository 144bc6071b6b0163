"""The life of a generated document: asked for, queued, rendered, retried, swept.

- ``demander`` snapshots the source's data and returns the document for that snapshot,
  creating it (and queueing its render once the transaction commits) only if it is new: the
  same data never gives a second render.
- ``produire`` is the worker's job: it takes the document (a compare-and-set on its status, so
  two workers never render it twice), renders it, stores the file; on failure it records the
  error and asks to be tried again later, until ``TENTATIVES_MAX``, then shows "échec".
- ``relancer`` is the user's retry button after a failure.
- ``balayer`` re-queues what has waited too long (broker or worker down when it was asked for,
  worker killed during a render): run every few minutes by Celery beat, or by the
  ``relancer_documents`` command from cron.
"""

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from journal.transitions import TransitionRefusee
from notifications.services import notifier
from notifications.sujets import Sujet
from socle import file_attente

from . import rendu
from .genres import genre as genre_de
from .models import Document, StatutDocument

logger = logging.getLogger(__name__)

# Bump when a template changes in a way that must give new files for unchanged data.
VERSION_GABARITS = "1"
REFUS = "Vous n'avez pas accès à ce document."


@dataclass(frozen=True)
class Resultat:
    statut: str
    relancer_dans: int | None = None  # seconds before the next attempt


def empreinte(code, donnees):
    canonique = json.dumps(
        [VERSION_GABARITS, code, donnees], sort_keys=True, ensure_ascii=False, default=str
    )
    return hashlib.sha256(canonique.encode()).hexdigest()


def mettre_en_file(pk):
    """Queue the render of document ``pk``; if the broker is down, leave it for the sweep."""
    from .tasks import rendre_document

    return file_attente.mettre_en_file(Document, pk, rendre_document, "Document")


def peut_voir(user, document, source=None):
    source = source if source is not None else document.source
    return source is not None and genre_de(document.genre).visible(user, source)


@transaction.atomic
def demander(acteur, code, source):
    """The document of kind ``code`` for ``source`` as it is now: ``(document, cree)``."""
    genre = genre_de(code)
    if not isinstance(source, genre.modele):
        raise TypeError(f"{code} se génère à partir de {genre.modele.__name__}")
    if not genre.visible(acteur, source):
        raise TransitionRefusee(REFUS)
    donnees = genre.donnees(source)
    document, cree = Document.objects.get_or_create(
        genre=code,
        content_type=ContentType.objects.get_for_model(source),
        object_id=source.pk,
        empreinte=empreinte(code, donnees),
        defaults={
            "donnees": donnees,
            "titre": genre.titre(source),
            "nom_fichier": genre.nom_fichier(source),
            "demande_par": acteur if acteur and acteur.is_authenticated else None,
            "mis_en_file_le": timezone.now(),
        },
    )
    if cree:
        transaction.on_commit(lambda: mettre_en_file(document.pk))
    elif document.statut == StatutDocument.ECHEC:
        _remettre_en_attente(document)
    return document, cree


def _remettre_en_attente(document):
    Document.objects.filter(pk=document.pk).update(
        statut=StatutDocument.EN_ATTENTE, tentatives=0, mis_en_file_le=timezone.now()
    )
    document.refresh_from_db()
    transaction.on_commit(lambda: mettre_en_file(document.pk))


@transaction.atomic
def relancer(acteur, document):
    """The retry button: a document that failed is rendered again from its data."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not peut_voir(acteur, document):
        raise TransitionRefusee(REFUS)
    if document.statut != StatutDocument.ECHEC:
        raise TransitionRefusee("Ce document n'est pas en échec : il n'y a rien à relancer.")
    _remettre_en_attente(document)
    return document


def delai_avant_tentative(tentatives):
    """Back-off: 30 s, then 2 min, then 8 min…"""
    return settings.DOCUMENTS_DELAI_RELANCE * 4 ** (tentatives - 1)


def _abandonne():
    """A render started before this has lost its worker."""
    return timezone.now() - timedelta(seconds=settings.DOCUMENTS_DUREE_MAX_RENDU)


def _prendre(pk):
    """Mark the document as being rendered, if it is ours to render (compare-and-set)."""
    return file_attente.prendre(
        Document.objects.all(), pk, _abandonne(), tentatives=F("tentatives") + 1
    )


def produire(pk):
    """Render document ``pk`` (the Celery task's body)."""
    document = _prendre(pk)
    if document is None:
        return Resultat("ignore")  # already done, being rendered, or gone
    try:
        contenu = rendu.rendre(document)
    except Exception as erreur:
        logger.exception("Échec de la génération du document %s", pk)
        texte = f"{type(erreur).__name__} : {erreur}"[:2000]
        if document.tentatives >= settings.DOCUMENTS_TENTATIVES_MAX:
            Document.objects.filter(pk=pk, statut=StatutDocument.EN_COURS).update(
                statut=StatutDocument.ECHEC, erreur=texte, termine_le=timezone.now()
            )
            return Resultat(StatutDocument.ECHEC)
        Document.objects.filter(pk=pk, statut=StatutDocument.EN_COURS).update(
            statut=StatutDocument.EN_ATTENTE, erreur=texte, mis_en_file_le=timezone.now()
        )
        return Resultat(StatutDocument.EN_ATTENTE, delai_avant_tentative(document.tentatives))
    nom = document.fichier.field.generate_filename(document, document.nom_fichier)
    nom = document.fichier.storage.save(nom, ContentFile(contenu), max_length=100)
    with transaction.atomic():
        pret = Document.objects.filter(pk=pk, statut=StatutDocument.EN_COURS).update(
            statut=StatutDocument.PRET,
            fichier=nom,
            taille=len(contenu),
            erreur="",
            termine_le=timezone.now(),
        )
        if pret:
            _prevenir_demandeur(document)
    return Resultat(StatutDocument.PRET)


def _prevenir_demandeur(document):
    """Tell whoever asked for the document that it is ready, if they may still see it."""
    personne, source = document.demande_par, document.source
    if personne is None or source is None or not peut_voir(personne, document, source):
        return
    notifier(
        [personne],
        f"Document prêt : {document.titre}",
        f"Le document « {document.titre} » est prêt à être téléchargé.",
        genre_de(document.genre).lien(source),
        evenement=Sujet.DOCUMENT_PRET,
    )


def balayer(anciennete=None):
    """Re-queue the documents left waiting; returns how many."""
    limite = timezone.now() - (anciennete or timedelta(seconds=settings.DOCUMENTS_DELAI_BALAYAGE))
    oublies = file_attente.oublies(Document, limite, _abandonne())
    for pk in oublies:
        mettre_en_file(pk)
    if oublies:
        logger.info("%s document(s) remis en file.", len(oublies))
    return len(oublies)


def derniers(code, sources):
    """``{source pk: latest document of kind code}`` for several sources, in one query."""
    sources = list(sources)
    if not sources:
        return {}
    documents = Document.objects.filter(
        genre=code,
        content_type=ContentType.objects.get_for_model(sources[0]),
        object_id__in=[s.pk for s in sources],
    ).order_by("demande_le", "pk")
    return {d.object_id: d for d in documents}

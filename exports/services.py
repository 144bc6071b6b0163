"""Exporting a list: at once when it is small, through the Celery queue when it is large.

- ``exporter`` is the list's export button: it applies the list's filters for the person,
  counts the rows, and either returns the file or asks for it to be prepared.
- ``demander`` records a large export and queues it once the transaction commits (the same
  export still waiting is not asked twice).
- ``produire`` is the worker's job: it takes the export (a compare-and-set on its status),
  recomputes the rows with the person's visibility *now*, writes the file to a temporary file
  as the rows stream in (chunk by chunk: constant memory), stores it and tells the person it
  is ready.
- ``balayer`` re-queues what has waited too long (broker or worker down), run by Celery beat
  or by the ``relancer_exports`` command from cron.
"""

import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.files import File
from django.db import models, transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from notifications.services import notifier
from notifications.sujets import Sujet
from socle import file_attente

from . import rangees
from .formats import ecrire
from .listes import liste as liste_de
from .models import Export, FormatExport, StatutExport

logger = logging.getLogger(__name__)

# The rows are read in chunks (prefetches included): the same queries for 5 rows or 1,000.
TAILLE_DES_LOTS = rangees.TAILLE_DES_LOTS
# An export being written for longer than this was left by a worker that died.
DUREE_MAX_PRODUCTION = timedelta(minutes=30)
# Parameters of the list page that do not select rows.
PARAMETRES_IGNORES = ("page",)


@dataclass(frozen=True)
class Fichier:
    """A small export, sent at once."""

    contenu: bytes
    nom: str
    format: str
    lignes: int


def parametres(donnees):
    """The list's query string without what does not select rows (its page number)."""
    donnees = donnees.copy()
    for nom in PARAMETRES_IGNORES:
        donnees.pop(nom, None)
    return donnees.urlencode()


def nom_fichier(liste, format):
    """« candidatures-2026-11-25.xlsx »."""
    return f"{liste.code}-{timezone.localdate():%Y-%m-%d}.{format}"


def description_filtres(filtre):
    """The filters applied, as a person reads them: « État : Déposée ; Année : 2026 »."""
    if not filtre.is_bound:
        return ""
    filtre.errors  # noqa: B018 -- validates: cleaned_data then holds the values kept
    parties = []
    for nom, valeur in filtre.form.cleaned_data.items():
        if valeur is None or valeur == "" or valeur == []:
            continue
        champ = filtre.form.fields[nom]
        if isinstance(valeur, models.Model) or isinstance(champ, forms.ModelChoiceField):
            lu = str(valeur)
        else:
            choix = {str(code): libelle for code, libelle in getattr(champ, "choices", ())}
            valeurs = valeur if isinstance(valeur, list | tuple) else [valeur]
            lu = ", ".join(str(choix.get(str(v), v)) for v in valeurs)
        parties.append(f"{champ.label} : {lu}")
    return " ; ".join(parties)[:500]


def _lignes(liste, filtre):
    """What the file's columns read: the list's values (``rangees``) or its instances."""
    if liste.rangees:
        return liste.rangees(filtre.qs)
    lignes = filtre.qs.iterator(chunk_size=TAILLE_DES_LOTS)
    if liste.enrichir:
        lignes = liste.enrichir(lignes)
    return lignes


def _ecrire(liste, user, filtre, format, destination=None):
    """``(bytes, rows)``, or into ``destination`` (see ``formats.ecrire``)."""
    colonnes = liste.colonnes_pour(user)
    return ecrire(format, colonnes, _lignes(liste, filtre), liste.titre, destination)


def exporter(acteur, code, format, donnees):
    """The export of list ``code`` in ``format`` with the page's filters ``donnees``.

    Returns a ``Fichier`` when the rows fit under ``EXPORT_SEUIL_SYNCHRONE``, else the
    ``Export`` that the queue prepares.
    """
    liste = liste_de(code)
    format = FormatExport(format)
    filtre = liste.filtrer(acteur, donnees)
    nombre = filtre.qs.count()
    if nombre <= settings.EXPORT_SEUIL_SYNCHRONE:
        contenu, nombre = _ecrire(liste, acteur, filtre, format)
        return Fichier(contenu, nom_fichier(liste, format), format, nombre)
    export, _cree = demander(
        acteur, liste, format, parametres(donnees), description_filtres(filtre), nombre
    )
    return export


@transaction.atomic
def demander(acteur, liste, format, parametres, filtres="", lignes=None):
    """Record a large export and queue it: ``(export, cree)``. Asked again while the same
    one is still waiting, it is that one."""
    deja = Export.objects.filter(
        demandeur=acteur,
        liste=liste.code,
        format=format,
        parametres=parametres,
        statut__in=(StatutExport.EN_ATTENTE, StatutExport.EN_COURS),
    ).first()
    if deja:
        return deja, False
    export = Export.objects.create(
        demandeur=acteur,
        liste=liste.code,
        titre=liste.titre,
        format=format,
        parametres=parametres,
        filtres=filtres,
        lignes=lignes,
        nom_fichier=nom_fichier(liste, format),
        mis_en_file_le=timezone.now(),
    )
    transaction.on_commit(lambda: mettre_en_file(export.pk))
    return export, True


def mettre_en_file(pk):
    """Queue export ``pk``; if the broker is down, leave it for the sweep."""
    from .tasks import produire_export

    return file_attente.mettre_en_file(Export, pk, produire_export, "Export")


def _prendre(pk):
    """Mark the export as being written, if it is ours to write (compare-and-set)."""
    return file_attente.prendre(
        Export.objects.select_related("demandeur"), pk, timezone.now() - DUREE_MAX_PRODUCTION
    )


def produire(pk):
    """Write export ``pk`` (the Celery task's body); returns its status.

    The file is written to a temporary file as its rows are read, chunk by chunk, then
    stored from there: the worker's memory does not grow with the rows.
    """
    export = _prendre(pk)
    if export is None:
        return "ignore"  # already done, being written, or gone
    with tempfile.TemporaryFile() as brouillon:
        try:
            liste = liste_de(export.liste)
            # The person's visibility now: who left a service no longer gets its rows.
            filtre = liste.filtrer(export.demandeur, QueryDict(export.parametres))
            _ecrit, nombre = _ecrire(liste, export.demandeur, filtre, export.format, brouillon)
        except Exception as erreur:
            logger.exception("Échec de l'export %s", pk)
            Export.objects.filter(pk=pk, statut=StatutExport.EN_COURS).update(
                statut=StatutExport.ECHEC,
                erreur=f"{type(erreur).__name__} : {erreur}"[:2000],
                termine_le=timezone.now(),
            )
            return StatutExport.ECHEC
        taille = brouillon.seek(0, os.SEEK_END)
        brouillon.seek(0)
        nom = export.fichier.field.generate_filename(export, export.nom_fichier)
        nom = export.fichier.storage.save(
            nom, File(brouillon, name=export.nom_fichier), max_length=100
        )
    with transaction.atomic():
        pret = Export.objects.filter(pk=pk, statut=StatutExport.EN_COURS).update(
            statut=StatutExport.PRET,
            fichier=nom,
            taille=taille,
            lignes=nombre,
            erreur="",
            termine_le=timezone.now(),
        )
        if pret:
            _prevenir_demandeur(export, nombre)
    return StatutExport.PRET


def _prevenir_demandeur(export, nombre):
    notifier(
        [export.demandeur],
        f"Export prêt : {export.titre}",
        f"Votre export « {export.titre} » ({nombre} ligne{'s' if nombre > 1 else ''}, "
        f"{export.get_format_display()}) est prêt à être téléchargé.",
        reverse("exports:mes_exports") + f"#export-{export.pk}",
        evenement=Sujet.EXPORT_PRET,
    )


def balayer(anciennete=None):
    """Re-queue the exports left waiting, and those whose worker died; returns how many."""
    maintenant = timezone.now()
    limite = maintenant - (anciennete or timedelta(seconds=settings.EXPORT_DELAI_BALAYAGE))
    oublies = file_attente.oublies(Export, limite, maintenant - DUREE_MAX_PRODUCTION)
    for pk in oublies:
        mettre_en_file(pk)
    if oublies:
        logger.info("%s export(s) remis en file.", len(oublies))
    return len(oublies)

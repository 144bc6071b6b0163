"""Uploaded files: what is accepted, checked by content, and where it is stored.

A file is accepted when its content (magic bytes, via the ``filetype`` package), its extension
and its size all agree with the allowed formats: a renamed executable is refused whatever its
name. Files are stored under a random name below MEDIA_ROOT, which no web server serves; the
original name is kept in the database for the download.
"""

import os
import uuid
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.text import get_valid_filename

from socle.fichiers_pdf import verifier_pdf


@dataclass(frozen=True)
class FormatDeFichier:
    libelle: str
    extensions: tuple
    types_mime: tuple


PDF = FormatDeFichier("PDF", ("pdf",), ("application/pdf",))
ODT = FormatDeFichier("ODT", ("odt",), ("application/vnd.oasis.opendocument.text",))
DOCX = FormatDeFichier(
    "DOCX",
    ("docx",),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
)
JPEG = FormatDeFichier("JPEG", ("jpg", "jpeg"), ("image/jpeg",))
PNG = FormatDeFichier("PNG", ("png",), ("image/png",))

XLSX = FormatDeFichier(
    "XLSX", ("xlsx",), ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",)
)
ODS = FormatDeFichier("ODS", ("ods",), ("application/vnd.oasis.opendocument.spreadsheet",))
PPTX = FormatDeFichier(
    "PPTX",
    ("pptx",),
    ("application/vnd.openxmlformats-officedocument.presentationml.presentation",),
)
ODP = FormatDeFichier("ODP", ("odp",), ("application/vnd.oasis.opendocument.presentation",))
ZIP = FormatDeFichier("ZIP", ("zip",), ("application/zip",))

FORMATS_PIECES = (PDF, ODT, DOCX, JPEG, PNG)
# Livrables: documents, spreadsheets, presentations, images and zipped plans.
FORMATS_LIVRABLES = (PDF, ODT, DOCX, ODS, XLSX, ODP, PPTX, JPEG, PNG, ZIP)
FORMATS_IMAGES = (JPEG, PNG)

# A zip archive is opened to refuse "zip bombs": at most this many entries and this many
# bytes once unpacked.
ZIP_ENTREES_MAX = 2000
ZIP_TAILLE_DEPLIEE_MAX = 2 * 1024**3

# The longest name kept for display and download (the models' nom_fichier fields).
NOM_LONGUEUR_MAX = 200

# Bytes read to recognise a file: office documents are zip archives whose telling entries
# ([Content_Types].xml, mimetype) sit near the start.
OCTETS_LUS = 8192


def taille_maximale():
    return settings.UPLOAD_MAX_SIZE_MB * 1024 * 1024


def libelle_formats(formats):
    return ", ".join(f.libelle for f in formats)


def valider_fichier(fichier, formats=FORMATS_PIECES):
    """Raise a French ValidationError unless ``fichier`` is one of ``formats``.

    Returns the MIME type recognised from the content.
    """
    if fichier.size == 0:
        raise ValidationError("Le fichier est vide.", code="vide")
    if fichier.size > taille_maximale():
        raise ValidationError(
            "Le fichier pèse %(taille)s ; la taille maximale est de %(max)s.",
            code="trop_gros",
            params={
                "taille": filesizeformat(fichier.size),
                "max": filesizeformat(taille_maximale()),
            },
        )
    extension = os.path.splitext(fichier.name)[1].lower().lstrip(".")
    attendus = {ext: f for f in formats for ext in f.extensions}
    if extension not in attendus:
        raise ValidationError(
            "Format non accepté (.%(ext)s). Formats acceptés : %(formats)s.",
            code="extension",
            params={"ext": extension or "sans extension", "formats": libelle_formats(formats)},
        )
    fichier.seek(0)
    entete = fichier.read(OCTETS_LUS)
    fichier.seek(0)
    reconnu = filetype.guess(entete)
    if reconnu is None or reconnu.mime not in attendus[extension].types_mime:
        raise ValidationError(
            "Le contenu du fichier ne correspond pas à un document %(format)s : "
            "il a peut-être été renommé. Enregistrez-le à nouveau au bon format.",
            code="contenu",
            params={"format": attendus[extension].libelle},
        )
    if reconnu.mime == ZIP.types_mime[0]:
        _verifier_archive(fichier)
    if reconnu.mime == PDF.types_mime[0]:
        verifier_pdf(fichier)
    return reconnu.mime


def _verifier_archive(fichier):
    try:
        with zipfile.ZipFile(fichier) as archive:
            entrees = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise ValidationError(
            "L'archive ZIP est illisible ou incomplète.", code="archive"
        ) from None
    finally:
        fichier.seek(0)
    if len(entrees) > ZIP_ENTREES_MAX or sum(e.file_size for e in entrees) > (
        ZIP_TAILLE_DEPLIEE_MAX
    ):
        raise ValidationError(
            "L'archive ZIP contient trop de fichiers ou pèse trop une fois décompressée "
            "(%(max)s fichiers et %(taille)s au plus).",
            code="archive",
            params={"max": ZIP_ENTREES_MAX, "taille": filesizeformat(ZIP_TAILLE_DEPLIEE_MAX)},
        )


def nom_original(fichier):
    """A safe version of the name the person gave the file, for display and download."""
    nom = get_valid_filename(os.path.basename(fichier.name or "") or "fichier")
    if len(nom) <= NOM_LONGUEUR_MAX:
        return nom
    # Shortened before its extension, which says how the download is opened (Content-Type).
    racine, extension = os.path.splitext(nom)
    if len(extension) > 10:  # no extension worth the name
        return nom[:NOM_LONGUEUR_MAX]
    return racine[: NOM_LONGUEUR_MAX - len(extension)] + extension


@deconstructible
class CheminAleatoire:
    """``upload_to`` for private files: ``<dossier>/<yyyy>/<random>.<ext>``."""

    def __init__(self, dossier):
        self.dossier = dossier

    def __call__(self, instance, filename):
        extension = os.path.splitext(filename)[1].lower()[:10]
        return f"{self.dossier}/{timezone.now():%Y}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, CheminAleatoire) and other.dossier == self.dossier


def supprimer_apres_validation(fichier):
    """Delete the stored bytes of ``fichier`` once the transaction commits (storage is not
    transactional: a rollback must find the file still there)."""
    if fichier:
        stockage, nom = fichier.storage, fichier.name
        transaction.on_commit(lambda: stockage.delete(nom))


def envoyer(fichier, nom, en_ligne=False):
    """The response that sends a stored private file (the caller has checked permission).

    Downloads are attachments; ``en_ligne`` is for the images a page shows. A file that its
    row does not offer (antivirus scan pending, or a virus found: ``antivirus.models``) is
    never sent, whatever view asks.
    """
    if not fichier:
        raise Http404("Aucun fichier")
    if not getattr(fichier.instance, "est_offert", True):
        raise Http404("Fichier en analyse antivirus ou refusé")
    try:
        flux = fichier.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Fichier introuvable") from exc
    return FileResponse(flux, as_attachment=not en_ligne, filename=nom)

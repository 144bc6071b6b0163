"""Uploaded files: what is accepted, checked by content, and where it is stored.

A file is accepted when its content (magic bytes, via the ``filetype`` package), its extension
and its size all agree with the allowed formats: a renamed executable is refused whatever its
name. Files are stored under a random name below MEDIA_ROOT, which no web server serves; the
original name is kept in the database for the download.
"""

import os
import struct
import uuid
import zipfile
import zlib
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

# A zip archive is opened to refuse "zip bombs" (limits in settings: FICHIERS_ZIP_*): its
# entries are inflated, in blocks, as an unzipping tool would, and counted until a limit is
# passed; the sizes its headers declare can lie.
# Beyond the compressed size an entry declares, its data is read on in small blocks; an
# archive inflating to less than BLOC_ZIP is too small to be a bomb, whatever its ratio.
BLOC_ZIP = 1024 * 1024
BLOC_ZIP_AU_DELA = 64 * 1024
ARCHIVE_ILLISIBLE = "L'archive ZIP est illisible ou incomplète."

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
    entrees_max = settings.FICHIERS_ZIP_ENTREES_MAX
    taille_max = settings.FICHIERS_ZIP_TAILLE_DEPLIEE_MAX_MB * 1024 * 1024
    ratio_max = settings.FICHIERS_ZIP_RATIO_MAX
    try:
        with zipfile.ZipFile(fichier) as archive:
            entrees = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise ValidationError(ARCHIVE_ILLISIBLE, code="archive") from None
    finally:
        fichier.seek(0)
    if len(entrees) > entrees_max:
        raise ValidationError(
            "L'archive ZIP contient trop de fichiers (%(max)s au plus).",
            code="archive",
            params={"max": entrees_max},
        )
    trop_lourde = ValidationError(
        "L'archive ZIP pèse trop une fois décompressée (%(taille)s au plus).",
        code="archive",
        params={"taille": filesizeformat(taille_max)},
    )
    if sum(e.file_size for e in entrees) > taille_max:
        raise trop_lourde
    # What the entries really inflate to, read until one limit is passed.
    ratio = max(ratio_max * fichier.size, BLOC_ZIP)
    budget = min(taille_max, ratio)
    try:
        depliee = 0
        for entree in entrees:
            depliee += _taille_depliee(fichier, entree, budget - depliee)
            if depliee > budget:
                break
    finally:
        fichier.seek(0)
    if depliee > taille_max:
        raise trop_lourde
    if depliee > ratio:
        raise ValidationError(
            "L'archive ZIP se décompresse en plus de %(ratio)s fois sa taille, comme une "
            "« bombe de décompression » : compressez ses fichiers à nouveau, ou déposez-les "
            "séparément.",
            code="archive",
            params={"ratio": ratio_max},
        )


def _taille_depliee(fichier, entree, budget):
    """The bytes ``entree`` inflates to, read from its compressed data whatever sizes its
    headers declare; the count stops once past ``budget``."""
    if entree.flag_bits & 0x1:
        raise ValidationError(
            "L'archive ZIP est protégée par un mot de passe : déposez-la sans mot de passe.",
            code="archive",
        )
    if entree.compress_type == zipfile.ZIP_STORED:
        return max(entree.file_size, entree.compress_size)
    if entree.compress_type != zipfile.ZIP_DEFLATED:
        raise ValidationError(
            "L'archive ZIP utilise une méthode de compression non prise en charge : "
            "enregistrez-la à nouveau au format ZIP ordinaire (Deflate).",
            code="archive",
        )
    fichier.seek(entree.header_offset)
    entete = fichier.read(30)
    if len(entete) < 30 or entete[:4] != b"PK\x03\x04":
        raise ValidationError(ARCHIVE_ILLISIBLE, code="archive")
    longueur_nom, longueur_extra = struct.unpack("<HH", entete[26:30])
    fichier.seek(entree.header_offset + 30 + longueur_nom + longueur_extra)
    decompresseur = zlib.decompressobj(-zlib.MAX_WBITS)
    depliee, a_deplier, a_lire = 0, b"", entree.compress_size
    try:
        while not decompresseur.eof and depliee <= budget:
            if not a_deplier:
                a_deplier = fichier.read(min(a_lire, BLOC_ZIP) if a_lire > 0 else BLOC_ZIP_AU_DELA)
                a_lire -= len(a_deplier)
                if not a_deplier:
                    break
            depliee += len(decompresseur.decompress(a_deplier, BLOC_ZIP))
            a_deplier = decompresseur.unconsumed_tail
    except zlib.error:
        raise ValidationError(ARCHIVE_ILLISIBLE, code="archive") from None
    return depliee


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

"""Small real files of each format, and a disguised executable, for upload tests."""

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from demo.fichiers import pdf_demo


def pdf(nom="document.pdf"):
    return SimpleUploadedFile(nom, pdf_demo("Courrier"), content_type="application/pdf")


def png(nom="plan.png"):
    def bloc(type_, donnees):
        return (
            struct.pack(">I", len(donnees))
            + type_
            + donnees
            + struct.pack(">I", zlib.crc32(type_ + donnees))
        )

    contenu = (
        b"\x89PNG\r\n\x1a\n"
        + bloc(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + bloc(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + bloc(b"IEND", b"")
    )
    return SimpleUploadedFile(nom, contenu, content_type="image/png")


def docx(nom="note.docx"):
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(nom, tampon.getvalue())


def odt(nom="note.odt"):
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return SimpleUploadedFile(nom, tampon.getvalue())


def executable_renomme(nom="courrier.pdf"):
    """A Windows executable (MZ header) wearing a PDF name."""
    return SimpleUploadedFile(nom, b"MZ\x90\x00" + b"\x00" * 60 + b"PE\x00\x00" + b"\x00" * 200)


def texte_renomme(nom="courrier.pdf"):
    return SimpleUploadedFile(nom, b"Ceci n'est pas un PDF.\n" * 10)


def zip_plans(nom="plans.zip"):
    """A zip of plans, as a titulaire sends its drawings."""
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("plan-guide/plan-masse.pdf", pdf_demo("Plan masse"))
        archive.writestr("plan-guide/coupe.pdf", pdf_demo("Coupe"))
    return SimpleUploadedFile(nom, tampon.getvalue())

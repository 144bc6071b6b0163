"""Small real files of each format, and a disguised executable, for upload tests."""

import io
import struct
import zipfile
import zlib

import pikepdf
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


def _pdf_pikepdf(nom, modifier=None, **enregistrement):
    """A one-page PDF made with pikepdf, which ``modifier(document, page)`` may arm."""
    with pikepdf.new() as document:
        document.add_blank_page(page_size=(595, 842))
        page = document.pages[0].obj
        if modifier:
            modifier(document, page)
        tampon = io.BytesIO()
        document.save(tampon, **enregistrement)
    return SimpleUploadedFile(nom, tampon.getvalue(), content_type="application/pdf")


def _script(document):
    return pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1);"))


def _piece_jointe(document):
    return pikepdf.AttachedFileSpec(document, b"MZ\x90\x00", filename="outil.exe").obj


PIEGES_PDF = {
    # Run at opening; packed in a compressed object stream, as a byte search would miss it.
    "ouverture_javascript": lambda d, p: setattr(d.Root, "OpenAction", _script(d)),
    # The document-level scripts of the names tree, run at opening by readers.
    "noms_javascript": lambda d, p: setattr(
        d.Root,
        "Names",
        pikepdf.Dictionary(
            JavaScript=pikepdf.Dictionary(Names=[pikepdf.String("x"), d.make_indirect(_script(d))])
        ),
    ),
    # An additional action run when the page opens.
    "page_aa_javascript": lambda d, p: setattr(p, "AA", pikepdf.Dictionary(O=_script(d))),
    "lancement": lambda d, p: setattr(
        d.Root,
        "OpenAction",
        pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("C:/Windows/calc.exe")),
    ),
    "fichier_joint": lambda d, p: d.attachments.__setitem__(
        "outil.exe", pikepdf.AttachedFileSpec(d, b"MZ\x90\x00", filename="outil.exe")
    ),
    "annotation_fichier_joint": lambda d, p: setattr(
        p,
        "Annots",
        d.make_indirect(
            pikepdf.Array(
                [
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.Annot,
                        Subtype=pikepdf.Name.FileAttachment,
                        Rect=[10, 10, 30, 30],
                        FS=_piece_jointe(d),
                    )
                ]
            )
        ),
    ),
}


def pdf_piege(piege, nom="courrier.pdf"):
    """A PDF carrying one of ``PIEGES_PDF``: a script, a launch action or an embedded file."""
    return _pdf_pikepdf(
        nom, PIEGES_PDF[piege], object_stream_mode=pikepdf.ObjectStreamMode.generate
    )


def pdf_sain(nom="courrier.pdf"):
    """A clean PDF with what ordinary documents carry: an opening view and a web link."""

    def ordinaire(document, page):
        document.Root.OpenAction = pikepdf.Array([page, pikepdf.Name.Fit])
        page.Annots = document.make_indirect(
            pikepdf.Array(
                [
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.Annot,
                        Subtype=pikepdf.Name.Link,
                        Rect=[10, 10, 30, 30],
                        A=pikepdf.Dictionary(
                            S=pikepdf.Name.URI, URI=pikepdf.String("https://www.ecologie.gouv.fr")
                        ),
                    )
                ]
            )
        )

    return _pdf_pikepdf(nom, ordinaire)


def pdf_chiffre(nom="courrier.pdf", mot_de_passe="secret"):
    """A PDF that opens with ``mot_de_passe`` (an empty one: only its permissions are locked)."""
    return _pdf_pikepdf(nom, encryption=pikepdf.Encryption(user=mot_de_passe, owner="proprietaire"))


def zip_bombe(nom="plans.zip", taille=5 * 1024**2, declaree=None):
    """A zip of zeros, which deflate a thousandfold: a few kB that unpack to ``taille`` bytes.

    With ``declaree``, its headers lie: the local header and the central directory say the
    entry unpacks to ``declaree`` bytes, with the CRC of those first bytes, so that Python's
    own zipfile reads it back without a complaint.
    """
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("plan.bin", bytes(taille))
    contenu = bytearray(tampon.getvalue())
    if declaree is not None:
        crc = zlib.crc32(bytes(declaree))
        central = contenu.index(b"PK\x01\x02")
        for position in (14, central + 16):  # CRC-32, compressed and unpacked sizes follow
            crc_et_tailles = struct.unpack_from("<III", contenu, position)
            struct.pack_into("<III", contenu, position, crc, crc_et_tailles[1], declaree)
    return SimpleUploadedFile(nom, bytes(contenu))

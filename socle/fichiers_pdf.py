"""What an uploaded PDF may not carry: scripts, launch actions and embedded files.

A PDF is a program as much as a page: JavaScript run at opening (``/OpenAction``), on a page or
field event (``/AA``) or from the document's names tree, a ``/Launch`` action that starts a
program, files embedded as attachments. A portal whose agents open the titulaires' and
services' PDFs refuses them all; the person saves the document again without them (« Imprimer
en PDF » keeps the pages and drops the rest).

The file is parsed with ``pikepdf`` (qpdf), which decodes what naive byte searches miss:
escaped names (``/J#53``), objects packed in compressed object streams. Every object is read,
reachable or not, and the dictionaries nested in it.
"""

import pikepdf
from django.core.exceptions import ValidationError

RESAISIR = "enregistrez-le à nouveau sans {} (Imprimer en PDF) et déposez-le."

# The reasons a PDF is refused, in the order their messages are shown when it has several.
MOTIFS = {
    "pdf_javascript": "Le PDF contient du JavaScript, qui pourrait s'exécuter à l'ouverture : "
    + RESAISIR.format("script"),
    "pdf_lancement": "Le PDF contient une action qui lance un programme ou ouvre un autre "
    "fichier (/Launch) : " + RESAISIR.format("cette action"),
    "pdf_fichiers_joints": "Le PDF contient des fichiers joints (pièces jointes intégrées au "
    "document) : " + RESAISIR.format("pièce jointe") + " Déposez à part les documents qu'il "
    "joignait.",
}


def verifier_pdf(fichier):
    """Raise a French ValidationError if the PDF ``fichier`` is unreadable, needs a password,
    or carries JavaScript, a launch action or embedded files (one message per reason)."""
    fichier.seek(0)
    try:
        with pikepdf.open(fichier) as document:
            motifs = set()
            for objet in document.objects:
                _motifs_de(objet, motifs)
    except pikepdf.PasswordError:
        raise ValidationError(
            "Le PDF est protégé par un mot de passe : enregistrez-le sans mot de passe "
            "et déposez-le.",
            code="pdf_mot_de_passe",
        ) from None
    except pikepdf.PdfError:
        raise ValidationError(
            "Le PDF est illisible ou endommagé : enregistrez-le à nouveau (Imprimer en PDF) "
            "et déposez-le.",
            code="pdf_illisible",
        ) from None
    finally:
        fichier.seek(0)
    if motifs:
        raise ValidationError(
            [ValidationError(texte, code=code) for code, texte in MOTIFS.items() if code in motifs]
        )


def _motifs_de(objet, motifs, profondeur=0):
    """Add to ``motifs`` what ``objet`` and the direct objects inside it carry. Indirect
    objects met inside are not followed: ``document.objects`` reads each of them anyway."""
    if not isinstance(objet, pikepdf.Dictionary | pikepdf.Array | pikepdf.Stream) or (
        profondeur and objet.is_indirect
    ):
        return  # numbers and names come as Python values
    if isinstance(objet, pikepdf.Stream):
        objet = objet.stream_dict
    if isinstance(objet, pikepdf.Dictionary):
        cles = set(objet.keys())
        action = objet.get("/S")
        # /JS is a script action's code; /JavaScript, the names tree of document scripts.
        if cles & {"/JS", "/JavaScript"} or action == pikepdf.Name.JavaScript:
            motifs.add("pdf_javascript")
        if action == pikepdf.Name.Launch:
            motifs.add("pdf_lancement")
        if (
            cles & {"/EmbeddedFiles", "/EF"}
            or objet.get("/Type") == pikepdf.Name.EmbeddedFile
            or objet.get("/Subtype") == pikepdf.Name.FileAttachment
        ):
            motifs.add("pdf_fichiers_joints")
        enfants = objet.values()
    else:
        enfants = iter(objet)
    for enfant in enfants:
        _motifs_de(enfant, motifs, profondeur + 1)

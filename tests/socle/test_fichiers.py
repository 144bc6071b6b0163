"""The checks every upload goes through (socle.fichiers): names and PDFs' scripts."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from socle.fichiers import nom_original, valider_fichier
from tests import fichiers


def test_a_long_name_is_shortened_before_its_extension():
    def nom(nom_donne):
        return nom_original(SimpleNamespace(name=nom_donne))

    assert nom("x" * 300 + ".pdf") == "x" * 196 + ".pdf"
    assert nom("rapport final.PDF") == "rapport_final.PDF"
    assert nom("../../etc/" + "é" * 250 + ".odt") == "é" * 196 + ".odt"
    # No extension worth the name: cut at the limit.
    assert nom("x" * 250 + "." + "y" * 20) == "x" * 200


@pytest.mark.parametrize(
    ("piege", "motif"),
    [
        ("ouverture_javascript", "Le PDF contient du JavaScript, qui pourrait s'exécuter"),
        ("noms_javascript", "Le PDF contient du JavaScript"),
        ("page_aa_javascript", "Le PDF contient du JavaScript"),
        ("lancement", "lance un programme ou ouvre un autre fichier (/Launch)"),
        ("fichier_joint", "Le PDF contient des fichiers joints"),
        ("annotation_fichier_joint", "Le PDF contient des fichiers joints"),
    ],
)
def test_a_pdf_carrying_a_script_a_launch_or_a_file_is_refused_with_the_reason(piege, motif):
    with pytest.raises(ValidationError) as refus:
        valider_fichier(fichiers.pdf_piege(piege))
    assert len(refus.value.messages) == 1
    assert motif in refus.value.messages[0]
    assert "Imprimer en PDF" in refus.value.messages[0]


def test_a_pdf_with_several_traps_names_each_reason():
    def arme(document, page):
        fichiers.PIEGES_PDF["ouverture_javascript"](document, page)
        fichiers.PIEGES_PDF["fichier_joint"](document, page)

    with pytest.raises(ValidationError) as refus:
        valider_fichier(fichiers._pdf_pikepdf("courrier.pdf", arme))
    assert [m.split(",")[0] for m in refus.value.messages] == [
        "Le PDF contient du JavaScript",
        "Le PDF contient des fichiers joints (pièces jointes intégrées au document) : "
        "enregistrez-le à nouveau sans pièce jointe (Imprimer en PDF) et déposez-le. Déposez "
        "à part les documents qu'il joignait.",
    ]


@pytest.mark.parametrize(
    "fabrique",
    [fichiers.pdf, fichiers.pdf_sain, lambda: fichiers.pdf_chiffre(mot_de_passe="")],
    ids=["demo", "lien-et-vue-d-ouverture", "permissions-verrouillees"],
)
def test_an_ordinary_pdf_still_passes(fabrique):
    assert valider_fichier(fabrique()) == "application/pdf"


def test_a_pdf_behind_a_password_or_unreadable_is_refused_with_the_reason():
    with pytest.raises(ValidationError, match="protégé par un mot de passe"):
        valider_fichier(fichiers.pdf_chiffre())
    with pytest.raises(ValidationError, match="illisible ou endommagé"):
        valider_fichier(SimpleUploadedFile("a.pdf", b"%PDF-1.7\n" + b"rien de lisible " * 50))

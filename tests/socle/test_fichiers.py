"""The checks every upload goes through (socle.fichiers): names, PDFs' scripts, zip bombs."""

import io
import zipfile
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from socle.fichiers import FORMATS_LIVRABLES, nom_original, valider_fichier
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


def test_a_zip_bomb_is_refused_by_its_compression_ratio():
    bombe = fichiers.zip_bombe(taille=5 * 1024**2)  # 5 MB of zeros in about 5 kB
    with pytest.raises(ValidationError, match="plus de 100 fois sa taille"):
        valider_fichier(bombe, FORMATS_LIVRABLES)


def test_a_zip_whose_headers_lie_is_measured_by_what_it_really_inflates_to(settings):
    settings.FICHIERS_ZIP_TAILLE_DEPLIEE_MAX_MB = 1
    settings.FICHIERS_ZIP_RATIO_MAX = 100_000  # the size limit alone, here
    menteuse = fichiers.zip_bombe(taille=5 * 1024**2, declaree=1000)
    assert zipfile.ZipFile(menteuse).read("plan.bin") == bytes(1000)  # zipfile believes it
    with pytest.raises(ValidationError, match=r"pèse trop une fois décompressée \(1,0"):
        valider_fichier(menteuse, FORMATS_LIVRABLES)


def test_the_zip_limits_are_settings(settings):
    settings.FICHIERS_ZIP_ENTREES_MAX = 1
    with pytest.raises(ValidationError, match=r"trop de fichiers \(1 au plus\)"):
        valider_fichier(fichiers.zip_plans(), FORMATS_LIVRABLES)
    settings.FICHIERS_ZIP_ENTREES_MAX = 2
    settings.FICHIERS_ZIP_RATIO_MAX = 2000
    assert valider_fichier(fichiers.zip_bombe(taille=2 * 1024**2), FORMATS_LIVRABLES)


class Compteur(io.BytesIO):
    lus = 0

    def read(self, taille=-1):
        donnees = super().read(taille)
        self.lus += len(donnees)
        return donnees


def test_a_normal_zip_passes_and_is_read_about_once(settings):
    settings.FICHIERS_ZIP_TAILLE_DEPLIEE_MAX_MB = 1
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as archive:
        for numero in range(300):
            archive.writestr(f"plans/plan-{numero}.svg", f"<svg id='{numero}'/>" * 20)
        archive.writestr("lisez-moi.txt", "Plans du centre-bourg", zipfile.ZIP_STORED)
    plans = SimpleUploadedFile("plans.zip", tampon.getvalue())
    plans.file = Compteur(tampon.getvalue())
    assert valider_fichier(plans, FORMATS_LIVRABLES) == "application/zip"
    assert plans.file.lus < 3 * plans.size


def test_a_zip_the_check_cannot_inflate_is_refused_with_the_reason():
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("plan.svg", "<svg/>")
    with pytest.raises(ValidationError, match="méthode de compression non prise en charge"):
        valider_fichier(SimpleUploadedFile("plans.zip", tampon.getvalue()), FORMATS_LIVRABLES)
    chiffree = bytearray(fichiers.zip_plans().read())
    for signature, position in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        debut = 0
        while (debut := chiffree.find(signature, debut)) >= 0:
            chiffree[debut + position] |= 0x1  # "encrypted" flag
            debut += 4
    with pytest.raises(ValidationError, match="protégée par un mot de passe"):
        valider_fichier(SimpleUploadedFile("plans.zip", bytes(chiffree)), FORMATS_LIVRABLES)

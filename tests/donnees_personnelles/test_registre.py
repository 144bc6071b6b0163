"""The registry of personal data agrees with the models and with the published inventory."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

from socle.donnees_personnelles import sortes

INVENTAIRE = Path(settings.BASE_DIR) / "docs" / "donnees-personnelles.md"


def modeles_de_l_inventaire():
    """The models named in the first column of the inventory's table (``app.Model``, or a
    bare ``Model`` after one of its app's)."""
    texte = INVENTAIRE.read_text(encoding="utf-8").split("## Inventaire", 1)[1]
    tableau = texte.split("\n## ", 1)[0]
    modeles = set()
    for ligne in tableau.splitlines()[2:]:
        if not ligne.startswith("|") or ligne.startswith("|---"):
            continue
        application = None
        for nom in re.findall(r"`([\w.]+)`", ligne.split("|")[1]):
            if "." in nom:
                application, nom = nom.split(".")
            if application:
                modeles.add(apps.get_model(application, nom)._meta.label)
    return modeles


def test_every_declared_field_exists_on_its_model():
    for sorte in sortes():
        assert sorte.champs, sorte.code
        for nom in sorte.champs:
            sorte.modele._meta.get_field(nom)  # raises FieldDoesNotExist


def test_every_model_of_the_inventory_is_declared_and_every_declared_model_is_in_it():
    declares = {sorte.modele._meta.label for sorte in sortes()}
    inventaire = modeles_de_l_inventaire()

    assert "comptes.User" in inventaire and "ateliers.MessageAtelier" in inventaire
    assert inventaire - declares == set(), "in docs/donnees-personnelles.md, not declared"
    assert declares - inventaire == set(), "declared, missing from docs/donnees-personnelles.md"


def test_every_kind_with_a_sweep_has_a_retention_setting_and_a_label():
    for sorte in sortes():
        if sorte.selection is None:
            assert sorte.traiter is None, sorte.code
            continue
        assert sorte.libelle, sorte.code
        assert re.fullmatch(r"CONSERVATION_\w+_(ANS|JOURS)", sorte.conservation), sorte.code
        assert isinstance(getattr(settings, sorte.conservation), int), sorte.code


def test_the_files_contacts_run_before_the_accounts_and_the_accounts_before_the_sweeps():
    codes = [sorte.code for sorte in sortes() if sorte.selection is not None]

    assert codes[:3] == ["candidatures_non_retenues", "ateliers_clotures", "comptes"]
    assert set(codes[3:]) == {"invitations", "notifications", "exports"}

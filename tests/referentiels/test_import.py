"""The référentiel import: real sample, idempotence, updates, and refusal of bad files."""

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from referentiels.importer import importer_referentiel
from referentiels.models import EPCI, Commune, Departement, Region

ECHANTILLON = Path(settings.REFERENTIEL_SAMPLE_DIR)


@pytest.fixture
def source(tmp_path):
    """A writable copy of the sample, for tests that alter it."""
    dossier = tmp_path / "source"
    shutil.copytree(ECHANTILLON, dossier)
    return dossier


def _modifier(dossier, nom, fonction):
    chemin = dossier / nom
    data = json.loads(chemin.read_text(encoding="utf-8"))
    data = fonction(data) or data
    chemin.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_sample_import_keeps_codes_as_strings(db):
    rapport = importer_referentiel(ECHANTILLON)

    assert rapport.communes.crees == Commune.objects.count() == 1378
    assert Region.objects.count() == 26
    assert Departement.objects.count() == 109
    # Leading zeros, Corsica and overseas survive as written by INSEE.
    assert Departement.objects.get(code="01").nom == "Ain"
    assert Commune.objects.get(code="2A004").nom == "Ajaccio"
    assert Commune.objects.get(code="97105").departement_id == "971"
    doullens = Commune.objects.select_related("epci", "departement__region").get(code="80253")
    assert doullens.departement.region.nom == "Hauts-de-France"
    assert doullens.epci.type == EPCI.Type.CC
    assert doullens.epci.membres.count() > 10


def test_second_run_changes_nothing(db):
    importer_referentiel(ECHANTILLON)
    rapport = importer_referentiel(ECHANTILLON)

    assert rapport.ecritures == 0
    assert rapport.communes.inchanges == 1378


def test_changed_and_vanished_communes_are_updated_and_deactivated(db, source):
    importer_referentiel(source)

    def renommer_et_retirer(communes):
        for commune in communes:
            if commune["code"] == "80253":
                commune["nom"] = "Doullens-la-Neuve"
        return [c for c in communes if c["code"] != "80001"]

    _modifier(source, "communes.json", renommer_et_retirer)
    _modifier(
        source,
        "epci.json",
        lambda epcis: [
            {**e, "membres": [m for m in e["membres"] if m["code"] != "80001"]} for e in epcis
        ],
    )
    rapport = importer_referentiel(source)

    assert rapport.communes.modifies == 1
    assert rapport.communes.desactives == 1
    assert Commune.objects.get(code="80253").nom == "Doullens-la-Neuve"
    # A vanished commune is kept (files may point at it) but marked inactive.
    assert Commune.objects.get(code="80001").actif is False


@pytest.mark.parametrize(
    ("fichier", "alteration", "message"),
    [
        ("communes.json", lambda d: [*d, {"code": "80999", "departement": "80"}], "« nom »"),
        (
            "communes.json",
            lambda d: [*d, {"code": "8A1", "nom": "X", "departement": "80"}],
            "code INSEE « 8A1 » invalide",
        ),
        (
            "communes.json",
            lambda d: [*d, {"code": "99001", "nom": "X", "departement": "99"}],
            "département « 99 » inconnu",
        ),
        (
            "epci.json",
            lambda d: [*d, {"code": "123", "nom": "X", "type": "CC", "membres": []}],
            "SIREN « 123 » invalide",
        ),
        (
            "epci.json",
            lambda d: [
                *d,
                {
                    "code": "200000000",
                    "nom": "CC Fantôme",
                    "type": "CC",
                    "membres": [{"code": "00000"}],
                },
            ],
            "commune inconnue « 00000 »",
        ),
        ("departements.json", lambda d: {"pas": "une liste"}, "une liste d'objets est attendue"),
    ],
)
def test_malformed_file_is_refused_and_nothing_is_imported(
    db, source, fichier, alteration, message
):
    _modifier(source, fichier, alteration)

    with pytest.raises(CommandError) as erreur:
        call_command("import_referentiel", source=source)

    assert message in str(erreur.value)
    assert "rien n'a été importé" in str(erreur.value)
    assert not Commune.objects.exists()
    assert not Region.objects.exists()


def test_unreadable_json_is_refused(db, source):
    (source / "epci.json").write_text("{ pas du json", encoding="utf-8")

    with pytest.raises(CommandError, match=r"epci\.json : JSON illisible"):
        call_command("import_referentiel", source=source)
    assert not Commune.objects.exists()


def test_missing_file_is_named(db, tmp_path):
    with pytest.raises(CommandError, match=r"regions\.json : fichier absent"):
        call_command("import_referentiel", source=tmp_path)


def test_malformed_file_leaves_an_existing_referentiel_untouched(db, source):
    importer_referentiel(source)
    _modifier(source, "communes.json", lambda d: [{**c, "nom": "Renommée"} for c in d] + [{}])

    with pytest.raises(CommandError):
        call_command("import_referentiel", source=source)

    assert not Commune.objects.filter(nom="Renommée").exists()


@pytest.mark.fullref
@pytest.mark.skipif(
    not os.environ.get("REFERENTIEL_FULL_DIR"),
    reason="REFERENTIEL_FULL_DIR non défini (CI le fournit avec `npm pack`)",
)
def test_full_france_imports_fast_and_idempotently(db, capsys):
    source = Path(os.environ["REFERENTIEL_FULL_DIR"])
    debut = time.monotonic()
    rapport = importer_referentiel(source)
    duree = time.monotonic() - debut

    assert Commune.objects.filter(actif=True).count() > 34000
    assert EPCI.objects.count() > 1200
    assert Commune.objects.filter(epci__isnull=False).count() > 34000
    assert rapport.ecritures > 35000
    # Reported, not asserted: speed is the benchmark's business, not a unit test's.
    with capsys.disabled():
        print(f"\nimport complet du référentiel : {duree:.1f} s")
    assert importer_referentiel(source).ecritures == 0

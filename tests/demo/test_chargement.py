"""What a newcomer reads when the demo loads (``make run``): one line per step with its
duration, then the accounts, the same as the README's table; no task trace, no broker
warning, in a fresh process with nothing configured (SQLite, eager tasks)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from demo.comptes import COMPTES

RACINE = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sorties(tmp_path_factory):
    """What the first start of the demo prints, then a later start."""
    dossier = tmp_path_factory.mktemp("demo")
    env = {
        cle: valeur
        for cle, valeur in os.environ.items()
        if cle not in {"CELERY_BROKER_URL", "DATABASE_URL", "DEBUG", "LOG_LEVEL", "EMAIL_URL"}
        and not cle.startswith(("PYTEST", "DJANGO"))
    }
    # As `make run`, whose DEBUG is true unless set.
    env |= {
        "DATABASE_URL": f"sqlite:///{dossier}/db.sqlite3",
        "MEDIA_ROOT": str(dossier),
        "DEBUG": "true",
    }

    def lancer(*arguments):
        fini = subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=RACINE,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert fini.returncode == 0, fini.stderr
        return fini.stdout + fini.stderr

    lancer("migrate", "--noinput", "-v", "0")
    return lancer("charger_demo"), lancer("charger_demo")


@pytest.fixture(scope="module")
def sortie(sorties):
    return sorties[0]


def test_later_starts_keep_the_demo_and_print_the_accounts_again(sorties):
    premier, second = sorties
    assert "Chargement des données de démonstration" in premier
    assert "Chargement des données de démonstration" not in second
    assert "Référentiel" not in second
    assert second.strip() == premier[premier.index("Comptes de démonstration") :].strip()


def test_the_demo_load_prints_each_step_with_its_duration_and_no_trace(sortie):
    assert "celery.app.trace" not in sortie
    assert "No hostname was supplied" not in sortie
    assert "kombu" not in sortie and "Traceback" not in sortie
    etapes = re.findall(r"^  (.+)… (\d+\.\d) s$", sortie, re.MULTILINE)
    libelles = [libelle for libelle, _ in etapes]
    assert "Référentiel des territoires (échantillon livré)" in libelles
    assert "Candidatures à chaque étape de l'instruction" in libelles
    assert "Documents PDF et notifications" in libelles
    assert re.search(r"^Données de démonstration chargées en \d+ s\.$", sortie, re.MULTILINE)
    # Nothing but the steps and the accounts: a page of text, not a log.
    assert len(sortie.strip().splitlines()) < 25, sortie


def _table_du_readme():
    readme = (RACINE / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Comptes de démonstration", 1)[1].split("\n#", 1)[0]
    lignes = [ligne for ligne in section.splitlines() if ligne.startswith("| ")][1:]
    return [tuple(c.strip().strip("`") for c in ligne.strip("|").split("|")) for ligne in lignes]


def test_the_readme_lists_the_accounts_the_console_prints(sortie):
    imprimes = re.findall(
        r"^  (.+?)\s{2,}(\S+@\S+)\s+(.+)$", sortie.split("Comptes de démonstration", 1)[1], re.M
    )
    assert len(imprimes) == len(COMPTES)
    assert _table_du_readme() == [tuple(s.strip() for s in ligne) for ligne in imprimes]

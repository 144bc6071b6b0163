"""The set-up talks: each step of `make run` and `make test` says what it does, then how
long it took, or that it failed (scripts/etape.sh)."""

import os
import re
import subprocess
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
ETAPE = RACINE / "scripts" / "etape.sh"


def test_a_step_says_what_it_does_then_its_duration():
    fini = subprocess.run(
        [ETAPE, "Base de données (migrations)", "sh", "-c", "echo appliquées"],
        capture_output=True,
        text=True,
    )
    assert fini.returncode == 0
    assert re.fullmatch(
        r"→ Base de données \(migrations\)…\nappliquées\n  ✓ Base de données \(migrations\) "
        r"\(\d+ s\)\n",
        fini.stdout,
    )


def test_a_step_s_hint_is_said_when_it_starts_only():
    fini = subprocess.run(
        [ETAPE, "-i", "1 à 2 min la première fois", "Paquets Python", "true"],
        capture_output=True,
        text=True,
    )
    assert fini.stdout.splitlines()[0] == "→ Paquets Python (1 à 2 min la première fois)…"
    assert re.fullmatch(r"  ✓ Paquets Python \(\d+ s\)", fini.stdout.splitlines()[1])


def test_a_failed_step_says_so_and_stops_make():
    fini = subprocess.run(
        [ETAPE, "Paquets Python", "sh", "-c", "exit 3"], capture_output=True, text=True
    )
    assert fini.returncode == 3
    assert "✗ Paquets Python : échec (code 3)" in fini.stderr


def _recette(cible):
    """The commands `make -n` would run for ``cible`` once the virtualenv is there."""
    fini = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-n",
            "-W",
            "requirements/base.txt",
            "-W",
            "requirements/dev.txt",
            cible,
        ],
        cwd=RACINE,
        # Run from `make test` itself, a nested make would also print its directories.
        env={k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")},
        capture_output=True,
        text=True,
    )
    assert fini.returncode == 0, fini.stderr
    return [ligne for ligne in fini.stdout.replace("\\\n", " ").splitlines() if ligne.strip()]


def test_every_set_up_command_of_make_run_and_make_test_is_a_named_step():
    for cible, dernieres in (("run", ("charger_demo", "scripts/run.sh")), ("test", ("pytest",))):
        for commande in _recette(cible):
            if commande.startswith("touch ") or "sys.version_info" in commande:
                continue  # bookkeeping, and the Python version check before any step
            if any(d in commande for d in dernieres):
                continue
            assert commande.startswith("scripts/etape.sh "), f"make {cible} : {commande}"

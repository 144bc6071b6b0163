"""The README shows the screenshots that `make captures` takes, and nothing stale."""

import re
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
DOSSIER = RACINE / "docs" / "screenshots"


def _prises_par_le_script():
    script = (RACINE / "tests" / "navigateur" / "captures.py").read_text()
    return set(re.findall(r'capturer\(page, "([\w-]+)"', script))


def test_readme_shows_every_screenshot_the_script_takes():
    readme = (RACINE / "README.md").read_text()
    montrees = set(re.findall(r"\]\(docs/screenshots/([\w-]+)\.png\)", readme))
    prises = _prises_par_le_script()
    assert len(prises) >= 10
    assert montrees == prises


def test_the_screenshots_in_the_repository_are_those_the_script_takes():
    fichiers = {f.stem for f in DOSSIER.glob("*.png")}
    assert fichiers == _prises_par_le_script()
    for fichier in DOSSIER.glob("*.png"):
        assert fichier.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", fichier.name

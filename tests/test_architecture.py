"""The house's rules that a reader relies on: short modules, every app on a declared floor."""

import tomllib
from pathlib import Path

from django.apps import apps

RACINE = Path(__file__).resolve().parent.parent
LIGNES_MAX = 400


def _modules_du_projet():
    for chemin in RACINE.rglob("*.py"):
        relatif = chemin.relative_to(RACINE)
        if relatif.parts[0] in {".venv", "tests", "node_modules", "var"}:
            continue
        if "migrations" in relatif.parts:
            continue
        yield relatif, chemin


def test_no_module_is_longer_than_400_lines():
    trop_longs = {
        str(relatif): n
        for relatif, chemin in _modules_du_projet()
        if (n := len(chemin.read_text(encoding="utf-8").splitlines())) > LIGNES_MAX
    }
    assert not trop_longs, f"Modules over {LIGNES_MAX} lines: {trop_longs}"


def _contrats():
    config = tomllib.loads((RACINE / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]


def _apps_du_projet():
    return {
        app.name
        for app in apps.get_app_configs()
        if Path(app.path).resolve().parent == RACINE and app.name != "bench"
    }


def test_every_app_of_the_project_stands_on_a_floor_of_the_layers_contract():
    (couches,) = [c for c in _contrats()["contracts"] if c["type"] == "layers"]
    sur_un_etage = {nom.strip() for etage in couches["layers"] for nom in etage.split("|")}
    assert _apps_du_projet() <= sur_un_etage
    assert set(_contrats()["root_packages"]) >= sur_un_etage | {"config"}


def test_the_architecture_page_names_every_app():
    page = (RACINE / "docs" / "architecture.md").read_text(encoding="utf-8")
    absentes = {nom for nom in _apps_du_projet() if f"`{nom}`" not in page}
    assert not absentes


def test_every_relative_link_of_the_readme_and_docs_stays_inside_the_repository():
    import re

    casses = []
    for page in [RACINE / "README.md", *(RACINE / "docs").glob("*.md")]:
        for cible in re.findall(r"\]\(([^)#\s]+)", page.read_text(encoding="utf-8")):
            if "://" in cible or cible.startswith("mailto:"):
                continue
            chemin = (page.parent / cible).resolve()
            if not chemin.is_relative_to(RACINE) or not chemin.exists():
                casses.append(f"{page.name} → {cible}")
    assert not casses, "A clone has no such file: " + ", ".join(casses)

"""The diagrams of the README and of docs/workflows.md are those the tables give today."""

from pathlib import Path

from django.conf import settings

from workflow import diagrammes
from workflow.registre import par_nom

RACINE = Path(settings.BASE_DIR)


def test_docs_page_is_generated_from_the_tables():
    page = (RACINE / "docs" / "workflows.md").read_text(encoding="utf-8")
    assert page == diagrammes.page(), "run `manage.py diagrammes`"


def test_readme_shows_the_generated_diagrams():
    readme = (RACINE / "README.md").read_text(encoding="utf-8")
    assert readme == diagrammes.readme_a_jour(readme), "run `manage.py diagrammes`"
    assert "```mermaid\nstateDiagram-v2" in readme


def test_each_arrow_is_a_transition_with_its_button_and_its_parties():
    texte = diagrammes.mermaid(par_nom("candidature"))
    assert "en_instruction --> eligible: Déclarer éligible (dgaln)" in texte
    assert "complement_demande --> en_instruction: Déposer le dossier (service)" in texte
    assert "[*] --> intention:" in texte

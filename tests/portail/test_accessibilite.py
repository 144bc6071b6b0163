"""The déclaration d'accessibilité says what is measured, with the tool's real version."""

import re
from pathlib import Path

import axe_playwright_python
import pytest
from django.urls import reverse

from tests.outils import texte_lu

pytestmark = pytest.mark.django_db


def test_the_statement_says_what_is_measured_and_what_is_not(client):
    page = texte_lu(client.get(reverse("page", args=["accessibilite"])))

    assert "non conforme" in page  # no audit yet: the status stays honest
    assert "à 1 280 et à 375 pixels de large" in page
    assert "aucune violation" in page
    assert "Non-conformités connues" in page and "Correction prévue" in page
    assert "/admin/" in page and "1,42:1" in page  # the Django admin, an exception


def test_the_statement_quotes_the_axe_core_version_the_tests_run():
    axe = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
    majeure, mineure = re.search(r"axe v(\d+)\.(\d+)", axe).groups()
    gabarit = Path(__file__).resolve().parents[2] / "templates" / "pages" / "accessibilite.html"
    cites = set(re.findall(r"axe-core (?:\(version )?(\d+\.\d+)", gabarit.read_text()))
    assert cites == {f"{majeure}.{mineure}"}

"""Front-end assets come from their package (npm, locked), are served by staticfiles, and the
pages never load anything from a CDN; without them, the figures are still in the tables."""

import json
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import UserFactory

RACINE = settings.BASE_DIR


def test_chart_package_is_pinned_with_its_integrity_hash():
    paquet = json.loads((RACINE / "package.json").read_text())
    verrou = json.loads((RACINE / "package-lock.json").read_text())
    version = paquet["dependencies"]["@gouvfr/dsfr-chart"]
    entree = verrou["packages"]["node_modules/@gouvfr/dsfr-chart"]
    assert entree["version"] == version
    assert entree["integrity"].startswith("sha512-")


def test_setup_commands_and_image_install_the_locked_packages():
    makefile = (RACINE / "Makefile").read_text()
    # Each recipe that serves pages or drives a browser installs the charts first.
    for cible in ("run", "test", "captures", "bench"):
        recette = makefile.split(f"\n{cible}: ", 1)[1].split("\n\n", 1)[0]
        assert "scripts/installer-front.sh" in recette, cible
    assert "npm ci" in (RACINE / "scripts" / "installer-front.sh").read_text()
    dockerfile = (RACINE / "Dockerfile").read_text()
    assert "COPY package.json package-lock.json" in dockerfile
    assert "npm ci" in dockerfile
    assert "node_modules/@gouvfr/dsfr-chart/dist" in dockerfile


@pytest.mark.skipif(not settings.GRAPHIQUES_DISPONIBLES, reason="npm absent on this machine")
def test_charts_are_served_from_node_modules(client, db):
    trouve = finders.find("dsfr-chart/DSFRChart/DSFRChart.js")
    assert trouve and "node_modules/@gouvfr/dsfr-chart" in trouve
    client.force_login(UserFactory(instructeur=True))
    page = client.get(reverse("pilotage:tableau")).content.decode()
    assert '<script type="module" src="/static/dsfr-chart/DSFRChart/DSFRChart.js">' in page
    assert "<bar-chart" in page and "<map-chart" in page


def test_without_the_package_the_tables_remain(client, db, settings):
    settings.GRAPHIQUES_DISPONIBLES = False
    client.force_login(UserFactory(instructeur=True))
    page = client.get(reverse("pilotage:tableau")).content.decode()
    assert "DSFRChart.js" not in page and "<bar-chart" not in page
    assert "Ateliers par phase, tout le programme (données)" in page


def test_no_template_loads_a_script_or_stylesheet_from_another_site():
    externe = re.compile(r"<(script|link)[^>]+(src|href)=\"(https?:)?//", re.I)
    for gabarit in (RACINE / "templates").rglob("*.html"):
        assert not externe.search(gabarit.read_text()), gabarit

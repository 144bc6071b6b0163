"""The breadcrumb, the pagination and the badges, drawn by django-dsfr's tags from what the
views give (a list of ``(label, link)``, a Django page)."""

import re
from pathlib import Path

from django.conf import settings
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory

from socle.templatetags.composants import badge, badge_en_ligne


def rendre(gabarit, **contexte):
    requete = RequestFactory().get("/ateliers/", {"phase": "production", "page": "5"})
    return Template(gabarit).render(Context({"request": requete, **contexte}))


def test_the_breadcrumb_links_each_level_and_marks_the_current_page():
    html = rendre(
        '{% include "includes/fil_ariane.html" %}',
        fil=[("Ateliers", "/ateliers/"), ("Centre & gare", "/ateliers/3/"), ("Programme", "")],
    )
    assert 'aria-label="vous êtes ici\u00a0:"' in html  # the package's French, typographic
    assert "Voir le fil d’Ariane" in html
    assert '<a class="fr-breadcrumb__link" href="/">Accueil</a>' in html
    assert '<a class="fr-breadcrumb__link" href="/ateliers/">Ateliers</a>' in html
    assert "Centre &amp; gare" in html  # escaped
    assert '<a class="fr-breadcrumb__link" aria-current="page">Programme</a>' in html


def test_the_breadcrumb_of_a_signed_in_person_starts_at_their_dashboard(db):
    from tests.factories import UserFactory

    fil = [("Ateliers", "/ateliers/"), ("Programme", "")]
    html = rendre('{% include "includes/fil_ariane.html" %}', fil=fil, user=UserFactory())
    assert '<a class="fr-breadcrumb__link" href="/tableau-de-bord/">Accueil</a>' in html
    assert 'href="/">' not in html


def test_no_breadcrumb_without_a_trail():
    assert rendre('{% include "includes/fil_ariane.html" %}').strip() == ""


def test_pagination_numbers_the_pages_and_keeps_the_filters():
    page = Paginator(range(200), 20).get_page(5)
    html = rendre('{% include "includes/pagination.html" %}', page=page)
    assert 'aria-label="Pagination"' in html
    assert 'aria-current="page"\n               title="Page 5"' in html
    assert 'href="?phase=production&amp;page=4"' in html  # the list's filters stay
    for libelle in ("Première page", "Page précédente", "Page suivante", "Dernière page"):
        assert libelle in html
    assert "…" in html and 'title="Page 10"' in html and 'title="Page 8"' not in html


def test_pagination_says_which_links_lead_nowhere():
    def inactifs(numero):
        page = Paginator(range(200), 20).get_page(numero)
        html = rendre('{% include "includes/pagination.html" %}', page=page)
        return re.findall(r'fr-pagination__link--(\w+)[^>]*aria-disabled="true" role="link"', html)

    assert inactifs(1) == ["first", "prev"]
    assert inactifs(5) == []
    assert inactifs(10) == ["next", "last"]


def test_one_page_needs_no_pagination():
    page = Paginator(range(5), 20).get_page(1)
    assert rendre('{% include "includes/pagination.html" %}', page=page).strip() == ""


def test_badges_are_the_packages_and_escape_their_label():
    html = badge("<Déposée>", "info")
    assert html.startswith('<p class="fr-badge fr-badge--info fr-badge--sm fr-badge--no-icon')
    assert "&lt;Déposée&gt;" in html
    assert badge_en_ligne("Interne DGALN") == (
        '<span class="fr-badge fr-badge--sm fr-badge--no-icon">Interne DGALN</span>'
    )


def test_no_template_draws_its_own_breadcrumb_or_pagination():
    gabarits = Path(settings.BASE_DIR) / "templates"
    faits_main = [
        str(chemin.relative_to(gabarits))
        for chemin in gabarits.rglob("*.html")
        # templates/dsfr/ overrides the package's own templates (Django's template order).
        if chemin.relative_to(gabarits).parts[0] != "dsfr"
        and re.search(r'class="fr-(breadcrumb|pagination)[ "]', chemin.read_text(encoding="utf-8"))
    ]
    assert faits_main == [], "Use dsfr_breadcrumb / dsfr_pagination (includes/*.html)"

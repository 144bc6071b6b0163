"""Every public page passes axe-core (WCAG 2 A/AA): a visitor's crawl from the home page,
following each link of the site as an anonymous person does, with the demo's data (the
catalogue, its theme families and ateliers, the open data page, the information pages,
login and password reset)."""

from urllib.parse import urldefrag, urlsplit

import pytest
from playwright.sync_api import expect

from tests.navigateur.outils import violations_wcag

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Files and the admin are not pages for the public.
NON_PAGES = ("/admin/", "/static/", "/ateliers-realises/images/")
EXTENSIONS_FICHIERS = (".csv", ".geojson", ".pdf", ".xlsx", ".png", ".jpg", ".svg")
LIMITE = 80


def _liens_internes(page, origine):
    adresses = page.eval_on_selector_all("a[href]", "liens => liens.map(a => a.href)")
    for adresse in adresses:
        adresse = urldefrag(adresse).url
        parties = urlsplit(adresse)
        if f"{parties.scheme}://{parties.netloc}" != origine:
            continue
        chemin = parties.path
        if chemin.startswith(NON_PAGES) or chemin.endswith(EXTENSIONS_FICHIERS):
            continue
        yield chemin + (f"?{parties.query}" if parties.query else "")


def test_every_public_page_is_accessible(page, demo, live_server):
    origine = live_server.url
    a_visiter, vues, violations = ["/"], set(), {}
    while a_visiter and len(vues) < LIMITE:
        adresse = a_visiter.pop(0)
        chemin = urlsplit(adresse).path
        # One page per list is enough: filters and pages of the same list share a template.
        if adresse in vues or ("?" in adresse and chemin in {urlsplit(v).path for v in vues}):
            continue
        reponse = page.goto(adresse)
        vues.add(adresse)
        assert reponse.status == 200, f"{adresse} : {reponse.status}"
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        if trouvees := violations_wcag(page):
            violations[adresse] = trouvees
        a_visiter.extend(_liens_internes(page, origine))

    assert violations == {}
    chemins = {urlsplit(v).path for v in vues}
    # The crawl really went through the public site.
    for attendu in (
        "/",
        "/comptes/connexion/",
        "/comptes/mot-de-passe/oublie/",
        "/ateliers-realises/",
        "/ateliers-realises/donnees/",
    ):
        assert attendu in chemins, sorted(chemins)
    assert any(c.startswith("/ateliers-realises/transitions/") for c in chemins)
    assert any(c.startswith("/informations/") for c in chemins)
    assert sum(c.strip("/").split("/")[-1].isdigit() for c in chemins) >= 6  # ateliers' pages


def test_error_page_and_password_reset_sent_page_are_accessible(page, demo):
    reponse = page.goto("/ateliers-realises/999999/")
    assert reponse.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    assert violations_wcag(page) == []

    page.goto("/comptes/mot-de-passe/oublie/")
    page.get_by_label("Adresse e-mail").fill("agent.ddtm80@demo.gouv.fr")
    page.get_by_role("button", name="Recevoir un lien").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "/envoye/" in page.url
    assert violations_wcag(page) == []

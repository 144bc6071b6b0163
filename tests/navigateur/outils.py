"""What the browser tests do again and again: open a tab that watches the Content Security
Policy, log in through the form, read the flash message, run axe-core (WCAG 2 A/AA) on the
page."""

import contextlib

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from demo.donnees import MOT_DE_PASSE_DEMO


@contextlib.contextmanager
def onglet(navigateur, url):
    """A tab in a browser context of its own (one per person) on the server at ``url``.
    Anything the page tries that the policy blocks (an inline script or style, a resource
    from another site) fails the test, with Chromium's message."""
    contexte = navigateur.new_context(locale="fr-FR", base_url=url)
    page = contexte.new_page()
    page.set_default_timeout(10_000)
    bloques = []
    page.on(
        "console",
        lambda msg: (
            bloques.append(f"{page.url}: {msg.text}")
            if "Content Security Policy" in msg.text
            else None
        ),
    )
    try:
        yield page
    finally:
        contexte.close()
    assert bloques == [], "La politique de sécurité du contenu a bloqué :\n" + "\n".join(bloques)


def saisir_identifiants(page, email, mot_de_passe=MOT_DE_PASSE_DEMO):
    """Fill and send the login form, whatever comes of it."""
    page.goto("/comptes/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(mot_de_passe)
    page.get_by_role("button", name="Se connecter").click()


def connecter(page, email, mot_de_passe=MOT_DE_PASSE_DEMO):
    """Log in as ``email`` (leaving any earlier session) and land on the dashboard."""
    page.context.clear_cookies()
    saisir_identifiants(page, email, mot_de_passe)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tableau de bord")


def message(page, texte):
    """The flash message shown at the top of the page."""
    return page.get_by_role("status").filter(has_text=texte)


def violations_wcag(page):
    # A click that opens another page returns before it is loaded: read the page it opened.
    page.wait_for_load_state()
    resultat = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa"]})
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in resultat.response["violations"]]


def accessible(page):
    assert violations_wcag(page) == [], page.url


def prochaine_etape(page):
    """The page's « Prochaine étape » block: what comes next, who acts, and its buttons."""
    return page.get_by_role("region", name="Prochaine étape")

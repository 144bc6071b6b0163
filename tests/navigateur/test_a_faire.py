"""In a real browser, each role's dashboard opens on « À faire »: what awaits that person,
oldest first, with the wait in days. Following the first line leads to a page whose
« Prochaine étape » offers that very action. axe-core checks every page on the way."""

import re

import pytest
from playwright.sync_api import expect

from tests.navigateur.outils import accessible, connecter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMPTES = [
    "agent.ddtm80@demo.gouv.fr",
    "instructeur@demo.gouv.fr",
    "prestataire@atelier-ourcq.demo",
]


def test_each_dashboard_s_to_do_leads_to_the_next_step(page, demo):
    # One demo for the three roles: each logs in, reads its « À faire », follows the first line.
    for email in COMPTES:
        connecter(page, email)
        a_faire = page.get_by_role("region", name="À faire")
        expect(a_faire).to_be_visible()
        if email.startswith("instructeur"):
            expect(
                page.get_by_role("heading", name=re.compile("En attente chez les autres"))
            ).to_be_visible()
        accessible(page)
        premiere = a_faire.get_by_role("listitem").first
        expect(premiere).to_contain_text(re.compile(r"en attente depuis (\d+ jours?|aujourd'hui)"))
        # « <object> — <action>, en attente depuis … »: the action the next page must offer.
        ligne = premiere.inner_text()
        action = ligne.rsplit(" — ", 1)[1].split(", en attente")[0].split(" ou ")[0]
        premiere.get_by_role("link").click()
        etape = page.get_by_role("region", name="Prochaine étape")
        expect(etape).to_be_visible()
        expect(etape.get_by_role("link", name=action, exact=True)).to_be_visible()
        accessible(page)

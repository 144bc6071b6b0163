"""Query budgets of the atelier's page and of the file's page, for each role that reads
them: what they cost today (issue 29), so a query that comes back is noticed. Both pages cost
the same with more rows (``tests/livrables/test_requetes.py`` fills them)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ateliers.models import Atelier, Phase
from tests.commandes.conftest import agent, atelier, titulaire_user  # noqa: F401
from tests.factories import UserFactory, coporteur

pytestmark = pytest.mark.django_db

# {role: (open atelier, closed atelier, file)}, beyond the base page: the closed atelier adds
# its follow-ups, and its bilans for those who read them (one query each). Before issue 29:
# (14, 15, 21), (15, 15, 18), (14, 15, 22), (13, 15, 20).
BUDGETS = {
    "agent": (13, 14, 18),
    "titulaire_user": (14, 14, 17),
    "instructeur": (13, 14, 19),
    "collectivite": (13, 15, 19),
}


def _compter(client, url):
    with CaptureQueriesContext(connection) as requetes:
        assert client.get(url).status_code == 200
    return len(requetes)


@pytest.fixture
def lecteurs(agent, titulaire_user, atelier):  # noqa: F811
    return {
        "agent": agent,
        "titulaire_user": titulaire_user,
        "instructeur": UserFactory(instructeur=True, email="instructeur@dgaln.example"),
        "collectivite": coporteur(atelier.candidature),
    }


@pytest.mark.parametrize("role", list(BUDGETS))
def test_each_page_keeps_its_query_budget(client, settings, atelier, lecteurs, role):  # noqa: F811
    """What each page reads of its own: beyond the base page signed in (``/reference/``:
    the session, the user, the header's counters)."""
    settings.PAGE_DE_REFERENCE = True
    client.force_login(lecteurs[role])
    atelier_ = reverse("ateliers:detail", args=[atelier.pk])
    dossier = reverse("candidatures:detail", args=[atelier.candidature_id])
    for url in ("/reference/", atelier_, dossier):
        client.get(url)  # the session, the caches and the content types, once
    base = _compter(client, "/reference/")
    mesures = [_compter(client, atelier_) - base]
    Atelier.objects.filter(pk=atelier.pk).update(phase=Phase.CLOTURE)
    mesures += [_compter(client, atelier_) - base, _compter(client, dossier) - base]
    assert all(m <= b for m, b in zip(mesures, BUDGETS[role], strict=True)), mesures

"""Query budgets: the lists and the atelier's page cost the same number of queries with a few
rows as with many, so an N+1 cannot come back unnoticed."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ateliers import services as services_atelier
from livrables import services, transitions
from livrables.models import Type
from referentiels.models import Thematique
from tests.factories import AtelierFactory
from tests.fichiers import pdf

pytestmark = pytest.mark.django_db
MAX_REQUETES = 20


def _compter(client, url):
    # The page as it is served once its caches are warm (session, person, badge, filters).
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as requetes:
        assert client.get(url).status_code == 200
    return len(requetes)


def _remplir(agent, titulaire_user, atelier, n, referentiel_theme):
    """``n`` more livrables (each with a version), messages, axes and actions."""
    for i in range(n):
        # Half on this atelier, half on others of the same service and titulaire.
        cible = atelier
        if i % 2:
            cible = AtelierFactory(
                titulaire=atelier.titulaire,
                service_pilote=atelier.service_pilote,
                candidature__service=atelier.service_pilote,
            )
        livrable = transitions.ajouter(
            agent,
            cible,
            Type.AUTRE,
            datetime.date(2026, 1, 1) + datetime.timedelta(i),  # late: dashboards list them
            f"Livrable {cible.livrables.count() + 1}",
        )
        transitions.deposer(titulaire_user, livrable, pdf())
        services_atelier.ecrire(agent, atelier, f"Message {i}")
        axe = services.enregistrer_axe(titulaire_user, atelier, titre=f"Axe {i}")
        services.enregistrer_action(
            titulaire_user,
            axe,
            intitule=f"Action {i}",
            thematique=referentiel_theme,
            priorite="court",
            porteur="Commune",
        )


@pytest.mark.parametrize("qui", ["agent", "titulaire_user", "instructeur"])
@pytest.mark.parametrize(
    "page",
    ["livrables:liste", "ateliers:liste", "tableau_de_bord", "atelier", "feuille", "fiche"],
)
def test_pages_cost_the_same_with_many_rows(
    client, agent, titulaire_user, instructeur, atelier, referentiel, qui, page, request
):
    theme = Thematique.objects.first()
    urls = {
        "atelier": reverse("ateliers:detail", args=[atelier.pk]),
        "feuille": reverse("livrables:feuille_de_route", args=[atelier.pk]),
        "fiche": reverse("livrables:fiche", args=[atelier.pk]),
    }
    url = urls.get(page) or reverse(page)
    client.force_login(request.getfixturevalue(qui))
    _remplir(agent, titulaire_user, atelier, 2, theme)
    peu = _compter(client, url)
    _remplir(agent, titulaire_user, atelier, 12, theme)
    beaucoup = _compter(client, url)
    assert beaucoup <= peu <= MAX_REQUETES, (peu, beaucoup)

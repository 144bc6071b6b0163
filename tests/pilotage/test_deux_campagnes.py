"""The dashboard's campaign figures recomputed from the base's rows, for two campaigns of the
demo (2023, whose files are the imported history's, and the current one): the state counts in
the chart and in its table, the selections against the target, the decision-delay median."""

import html
import json
import re
import statistics

import pytest
from django.urls import reverse
from django.utils import timezone

from candidatures.models import Candidature, StatutCandidature
from comptes.models import User
from tests.outils import texte_lu

DECIDEES = {"eligible", "non_eligible", "sans_suite", "attribuee"}


def _graphique(page, identifiant):
    """The bars ``{label: value}`` the chart is drawn from, and its data table's rows."""
    figure = page.split(f'id="{identifiant}-titre"', 1)[1].split("</figure>", 1)[0]
    attributs = dict(re.findall(r'\b(x|y)="([^"]*)"', figure.split("<bar-chart", 1)[1]))
    x, y = (json.loads(html.unescape(attributs[a]))[0] for a in "xy")
    table = re.findall(r'<th scope="row">([^<]*)</th><td class="fr-cell--right">(\d+)</td>', figure)
    return dict(zip(x, y, strict=True)), {html.unescape(k): int(v) for k, v in table}


@pytest.mark.parametrize("campagne", [2023, "en_cours"])
def test_the_campaign_figures_are_those_of_the_rows(demo, client, settings, campagne):
    settings.GRAPHIQUES_DISPONIBLES = True
    annee = timezone.localdate().year if campagne == "en_cours" else campagne
    lignes = list(Candidature.objects.filter(annee=annee))
    assert lignes, f"la démo n'a pas de candidatures {annee}"
    par_statut = {s.label: sum(c.statut == s.value for c in lignes) for s in StatutCandidature}
    retenues = sum(c.statut in ("eligible", "attribuee") for c in lignes)
    local = timezone.localdate
    durees = [
        (local(c.date_decision) - local(c.date_premier_depot)).days
        for c in lignes
        if c.statut in DECIDEES and c.date_premier_depot and c.date_decision
    ]

    client.force_login(User.objects.get(email="instructeur@demo.gouv.fr"))
    reponse = client.get(reverse("pilotage:tableau"), {"annee": annee})
    page = reponse.content.decode()
    lu = texte_lu(reponse)

    barres, table = _graphique(page, "g-statuts")
    # Every state has its label and its bar (none dropped, none cut), as in the table.
    assert barres == par_statut
    assert table == par_statut
    assert re.search(rf"\b{len(lignes)}\s*candidatures? en {annee}", lu)
    assert re.search(
        rf"\b{retenues} / {settings.OBJECTIF_ANNUEL_SELECTIONS}\s*retenues \(éligibles", lu
    )
    if durees:
        mediane = f"{statistics.median(durees):g}".replace(".", ",")
        assert re.search(
            rf"\b{mediane} j\s*délai médian du dépôt à la décision \({len(durees)} dossiers?\)", lu
        ), lu
    else:
        assert re.search(r"—\s*délai médian du dépôt à la décision \(0 dossier\)", lu)

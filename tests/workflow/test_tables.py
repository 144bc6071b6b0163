"""The workflows' tables are complete, and everything that restates them reads them.

Each stateful object has its table; every transition has a label, a button, a reason for
refusal, a notification kind (or why it notifies nobody), a page that takes it and a line in
its app's test table; every state without a way forward says what it means; and no journal
action code is written as a bare string outside the enums.
"""

import importlib
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, resolve, reverse

from documents.genres import genre
from notifications.sujets import Sujet
from workflow.registre import WORKFLOWS

RACINE = Path(settings.BASE_DIR)
ATTENDUS = {"candidature", "atelier", "programme", "bon", "livrable"}


def test_every_stateful_object_has_its_workflow():
    assert {w.nom for w in WORKFLOWS} >= ATTENDUS


def transitions():
    for workflow in WORKFLOWS:
        for t in workflow:
            yield pytest.param(workflow, t, id=f"{workflow.nom}-{t.code}")


@pytest.mark.parametrize(("workflow", "t"), list(transitions()))
def test_each_transition_is_described_in_full(workflow, t):
    assert t.action in workflow.actions and t.action.label
    assert t.bouton and t.refus
    assert (t.sujet in Sujet.values) != bool(t.silence), "a notification kind, or why none"
    if t.document:
        assert genre(t.document)
    for source, cible in t.aretes():
        assert source is None or source in workflow.etats
        assert cible in workflow.etats


def reverse_sans_argument(nom):
    try:
        reverse(nom)
    except NoReverseMatch:
        return False
    return True


@pytest.mark.parametrize(("workflow", "t"), list(transitions()))
def test_each_transition_has_a_page_that_takes_it(workflow, t):
    nom, slug = t.vue
    if slug:
        args = [1, slug]
    elif t.creation:
        # An object made on its own page, or from its parent's (an invoice from its bon's).
        args = [] if reverse_sans_argument(nom) else [1]
    else:
        args = [1]
    vue = resolve(reverse(nom, args=args))
    if slug:
        assert slug in vue.func.actions, f"{nom} ne propose pas l'action « {slug} »"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.nom)
def test_every_state_has_a_way_forward_or_says_why_not(workflow):
    for etat in workflow.etats:
        if not workflow.sortantes(etat, principales_seulement=True):
            assert workflow.fins.get(etat), f"« {etat.label} » : que signifie cet état ?"


def tables_de_test():
    for chemin in sorted(RACINE.glob("tests/*/test_transitions*.py")):
        module = importlib.import_module(".".join(chemin.relative_to(RACINE).with_suffix("").parts))
        if hasattr(module, "WORKFLOW"):
            yield module


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.nom)
def test_every_transition_has_its_line_in_a_test_table(workflow):
    tables = [m for m in tables_de_test() if m.WORKFLOW is workflow]
    assert tables, f"aucune table de test pour le workflow {workflow.nom}"
    couvertes = set().union(*(set(m.APPELS) for m in tables))
    attendues = {t.action for t in workflow if not t.creation}
    assert attendues - couvertes == set()

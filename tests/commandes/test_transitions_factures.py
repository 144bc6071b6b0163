"""The life of an invoice: every transition of its table from every state, for each kind of
person, each journalled on the bon's timeline (the refused ones leave nothing)."""

import pytest

from commandes import factures
from commandes.modeles_factures import StatutFacture
from commandes.models import StatutBon
from commandes.workflow_factures import FACTURE, ActionFacture
from journal.models import Evenement
from tests.commandes.facturation import facture
from tests.roles import personnes

pytestmark = pytest.mark.django_db

S = StatutFacture
A = ActionFacture

# How each transition of the table is called (the meta-test checks that every transition of
# ``FACTURE`` has its line); the states, targets and parties come from the table itself.
WORKFLOW = FACTURE
APPELS = {
    A.ACCEPTATION: lambda acteur, f: factures.accepter(acteur, f),
    A.REJET: lambda acteur, f: factures.rejeter(acteur, f, "Mention manquante"),
    A.MISE_EN_PAIEMENT: lambda acteur, f: factures.mettre_en_paiement(acteur, f),
}
TABLE = {t.action: t for t in FACTURE if not t.creation}


@pytest.fixture
def fabrique_facture(agent, titulaire_user, fabrique_bon):
    def fabriquer(statut=S.RECUE):
        bon = fabrique_bon(StatutBon.EXECUTE)
        f = facture(titulaire_user, bon, recue_le=None)
        if statut in (S.ACCEPTEE, S.PAYEE):
            factures.accepter(agent, f)
        if statut == S.PAYEE:
            factures.mettre_en_paiement(agent, f)
        if statut == S.REJETEE:
            factures.rejeter(agent, f, "Erreur")
        f.refresh_from_db()
        return f

    return fabriquer


def cas():
    for action, t in TABLE.items():
        for statut in StatutFacture:
            yield pytest.param(action, statut, statut in t.depuis, id=f"{action.value}-{statut}")


@pytest.mark.parametrize(("action", "statut", "legal"), list(cas()))
def test_transition_from_each_state(action, statut, legal, agent, fabrique_facture):
    f = fabrique_facture(statut)
    evenements = Evenement.objects.pour(f.bon).count()
    if legal:
        APPELS[action](agent, f)
        f.refresh_from_db()
        assert f.statut == TABLE[action].cible(statut)
        evenement = Evenement.objects.pour(f.bon).latest("id")
        assert Evenement.objects.pour(f.bon).count() == evenements + 1
        assert (evenement.action, evenement.acteur, evenement.etat_avant) == (
            action,
            agent,
            statut,
        )
        assert evenement.etat_apres == f.statut
    else:
        with pytest.raises(factures.TransitionRefusee) as refus:
            APPELS[action](agent, f)
        assert str(refus.value).startswith(
            f"La facture {f.numero} est à l'état « {StatutFacture(statut).label} » : "
            f"« {TABLE[action].bouton} » n'est possible qu'à l'état"
        )
        f.refresh_from_db()
        assert f.statut == statut
        assert Evenement.objects.pour(f.bon).count() == evenements


@pytest.mark.parametrize("action", list(TABLE))
def test_only_the_pilot_service_takes_a_step(action, agent, titulaire_user, fabrique_facture):
    depart = TABLE[action].depuis[0]
    f = fabrique_facture(depart)
    evenements = Evenement.objects.pour(f.bon).count()
    autres = personnes(agent, titulaire_user)
    for role in ("autre_service", "instructeur", "administrateur", "titulaire", "autre_titulaire"):
        with pytest.raises(factures.TransitionRefusee) as refus:
            APPELS[action](autres[role], f)
        assert str(refus.value) == TABLE[action].refus
    f.refresh_from_db()
    assert f.statut == depart
    assert Evenement.objects.pour(f.bon).count() == evenements


def test_only_the_titulaire_and_the_service_record_an_invoice(agent, titulaire_user, fabrique_bon):
    bon = fabrique_bon(StatutBon.NOTIFIE)
    autres = personnes(agent, titulaire_user)
    for role in ("autre_service", "instructeur", "administrateur", "autre_titulaire"):
        with pytest.raises(factures.TransitionRefusee) as refus:
            facture(autres[role], bon, recue_le=None)
        assert str(refus.value) == FACTURE[A.ENREGISTREMENT].refus
    assert not bon.factures.exists()
    # The service records on the titulaire's behalf; the titulaire is told.
    assert facture(agent, bon, recue_le=None).enregistree_par == agent

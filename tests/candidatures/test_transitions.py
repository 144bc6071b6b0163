"""Every transition of a candidature, legal and illegal, for each kind of person."""

import datetime

import pytest
from django.core import mail

from ateliers.transitions import attribuer
from candidatures import transitions
from candidatures.models import DemandeComplement, StatutCandidature
from candidatures.transitions import DepotIncomplet, TransitionRefusee
from candidatures.workflow import CANDIDATURE, Action
from journal.models import Evenement
from tests.factories import TitulaireFactory, accord_en_vigueur

pytestmark = pytest.mark.django_db

S = StatutCandidature
A = Action

# How each transition of the table is called (the meta-test checks that every transition of
# ``CANDIDATURE`` has its line); the states, targets and parties come from the table itself.
WORKFLOW = CANDIDATURE
APPELS = {
    A.OPPORTUNITE_CONFIRMEE: lambda acteur, cand: transitions.confirmer_opportunite(acteur, cand),
    A.OPPORTUNITE_DECLINEE: lambda acteur, cand: transitions.decliner_opportunite(
        acteur, cand, "Un motif"
    ),
    A.DEPOT: lambda acteur, cand: transitions.deposer(acteur, cand),
    A.PRISE_EN_CHARGE: lambda acteur, cand: transitions.prendre_en_charge(acteur, cand),
    A.COMPLEMENT_DEMANDE: lambda acteur, cand: transitions.demander_complement(
        acteur, cand, message="Il manque le plan", rubriques=["pieces"]
    ),
    A.ELIGIBLE: lambda acteur, cand: transitions.declarer_eligible(acteur, cand, "Un motif"),
    A.NON_ELIGIBLE: lambda acteur, cand: transitions.declarer_non_eligible(
        acteur, cand, "Un motif"
    ),
    A.SANS_SUITE: lambda acteur, cand: transitions.classer_sans_suite(acteur, cand, "Un motif"),
    A.ATTRIBUTION: lambda acteur, cand: attribuer(
        acteur, cand, TitulaireFactory(accord_cadre=accord_en_vigueur())
    ),
}


def _qui(transition):
    codes = {partie.code for partie in transition.par}
    return "les deux" if codes == {"service", "dgaln"} else codes.pop()


# transition → (states it leaves from, state it leads to, who may do it), read from the table
TABLE = {
    t.action: (set(t.depuis), t.vers if not isinstance(t.vers, dict) else None, _qui(t))
    for t in CANDIDATURE
    if not t.creation
}


def appeler(nom, acteur, cand):
    return APPELS[nom](acteur, cand)


def cas():
    for nom, (depart, _, _) in TABLE.items():
        for statut in StatutCandidature:
            yield pytest.param(nom, statut, statut in depart, id=f"{nom.value}-{statut.value}")


@pytest.mark.parametrize(("nom", "statut", "legal"), list(cas()))
def test_transition_from_each_state(nom, statut, legal, fabrique, agent, instructeur):
    cand = fabrique(statut)
    if statut == S.COMPLEMENT_DEMANDE:
        DemandeComplement.objects.create(
            candidature=cand, auteur=instructeur, message="x", rubriques=["pieces"]
        )
    _, arrivee, qui = TABLE[nom]
    acteur = agent if qui == "service" else instructeur
    evenements = Evenement.objects.pour(cand).count()
    if legal:
        appeler(nom, acteur, cand)
        cand.refresh_from_db()
        if arrivee:
            assert cand.statut == arrivee
        assert Evenement.objects.pour(cand).count() == evenements + 1
        evenement = Evenement.objects.pour(cand).latest("id")
        assert (evenement.acteur, evenement.etat_avant) == (acteur, statut)
        assert evenement.etat_apres == cand.statut
    else:
        with pytest.raises(TransitionRefusee) as refus:
            appeler(nom, acteur, cand)
        assert "Le dossier est" in str(refus.value)
        cand.refresh_from_db()
        assert cand.statut == statut
        assert Evenement.objects.pour(cand).count() == evenements


@pytest.mark.parametrize("nom", [n for n, (_, _, qui) in TABLE.items() if qui == "dgaln"])
def test_a_service_agent_cannot_take_a_dgaln_decision(nom, fabrique, agent):
    depart = sorted(TABLE[nom][0])[0]
    cand = fabrique(depart)
    with pytest.raises(TransitionRefusee, match="DGALN"):
        appeler(nom, agent, cand)
    cand.refresh_from_db()
    assert cand.statut == depart


@pytest.mark.parametrize("nom", list(TABLE))
def test_a_prestataire_or_another_service_can_do_nothing(
    nom, fabrique, prestataire, agent_ailleurs
):
    depart = sorted(TABLE[nom][0])[0]
    cand = fabrique(depart)
    for acteur in (prestataire, agent_ailleurs):
        with pytest.raises(TransitionRefusee):
            appeler(nom, acteur, cand)
    cand.refresh_from_db()
    assert cand.statut == depart
    assert not Evenement.objects.exists()


def test_the_dgaln_cannot_deposit_for_the_service(fabrique, instructeur):
    cand = fabrique(S.BROUILLON)
    with pytest.raises(TransitionRefusee, match="agents du service"):
        transitions.deposer(instructeur, cand)


@pytest.mark.parametrize(
    "nom",
    list(
        MOTIVEES := {
            A.OPPORTUNITE_DECLINEE: transitions.decliner_opportunite,
            A.ELIGIBLE: transitions.declarer_eligible,
            A.NON_ELIGIBLE: transitions.declarer_non_eligible,
            A.SANS_SUITE: transitions.classer_sans_suite,
        }
    ),
)
def test_a_decision_needs_its_motif(nom, fabrique, instructeur):
    cand = fabrique(sorted(TABLE[nom][0])[0])
    statut = cand.statut
    with pytest.raises(TransitionRefusee, match="motif"):
        MOTIVEES[nom](instructeur, cand, "   ")
    cand.refresh_from_db()
    assert cand.statut == statut


def test_deposit_of_an_incomplete_file_lists_what_is_missing(fabrique, agent):
    cand = fabrique(S.BROUILLON, complet=False)
    with pytest.raises(DepotIncomplet) as refus:
        transitions.deposer(agent, cand)
    message = str(refus.value)
    for attendu in (
        "l'intention de la stratégie",
        "au moins une thématique",
        "au moins un acteur",
        "référent de la collectivité",
        "courrier de soutien signé du maire",
        "courrier de soutien signé du préfet",
    ):
        assert attendu in message
    cand.refresh_from_db()
    assert cand.statut == S.BROUILLON
    assert not cand.depots.exists()


def test_deposit_gives_a_receipt_and_tells_the_instructeurs(
    fabrique, agent, instructeur, django_capture_on_commit_callbacks
):
    cand = fabrique(S.BROUILLON)
    with django_capture_on_commit_callbacks(execute=True):
        transitions.deposer(agent, cand)
    cand.refresh_from_db()
    depot = cand.depots.get()
    assert depot.numero == f"AF-{cand.annee}-{cand.pk:05d}-D1"
    assert cand.statut == S.DEPOSEE and cand.date_premier_depot
    assert [m.to for m in mail.outbox] == [[instructeur.email]]
    assert "Nouveau dossier déposé" in mail.outbox[0].subject
    assert depot.numero in mail.outbox[0].body
    assert instructeur.notifications.get().lien == f"/candidatures/{cand.pk}/"


def test_complement_then_new_deposit_goes_back_to_instruction(
    fabrique, agent, collegue, instructeur, django_capture_on_commit_callbacks
):
    cand = fabrique(S.EN_INSTRUCTION, instructeur=instructeur)
    echeance = datetime.date.today() + datetime.timedelta(days=15)
    with django_capture_on_commit_callbacks(execute=True):
        transitions.demander_complement(
            instructeur, cand, message="Joignez le plan", rubriques=["pieces"], echeance=echeance
        )
    assert sorted(m.to[0] for m in mail.outbox) == [agent.email, collegue.email]
    assert "Joignez le plan" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transitions.deposer(agent, cand)
    cand.refresh_from_db()
    assert cand.statut == S.EN_INSTRUCTION
    assert cand.demandes_complement.get().levee_le is not None
    assert [m.to for m in mail.outbox] == [[instructeur.email]]  # only the assigned one
    assert "Dossier complété" in mail.outbox[0].subject


def test_complement_needs_a_section_and_a_future_due_date(fabrique, instructeur):
    cand = fabrique(S.DEPOSEE)
    with pytest.raises(TransitionRefusee, match="au moins une rubrique"):
        transitions.demander_complement(instructeur, cand, message="x", rubriques=[])
    with pytest.raises(TransitionRefusee, match="passé"):
        transitions.demander_complement(
            instructeur,
            cand,
            message="x",
            rubriques=["pieces"],
            echeance=datetime.date.today() - datetime.timedelta(days=1),
        )
    cand.refresh_from_db()
    assert cand.statut == S.DEPOSEE


def test_decisions_notify_every_agent_of_the_service(
    fabrique, agent, collegue, instructeur, agent_ailleurs, django_capture_on_commit_callbacks
):
    cand = fabrique(S.EN_INSTRUCTION)
    with django_capture_on_commit_callbacks(execute=True):
        transitions.declarer_eligible(instructeur, cand, "Projet mûr")
    assert sorted(m.to[0] for m in mail.outbox) == [agent.email, collegue.email]
    assert "Projet mûr" in mail.outbox[0].body
    cand.refresh_from_db()
    assert cand.motif_decision == "Projet mûr" and cand.date_decision


def test_taking_a_file_for_a_colleague_tells_the_colleague(
    fabrique, instructeur, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory

    collegue_dgaln = UserFactory(instructeur=True)
    cand = fabrique(S.DEPOSEE)
    with django_capture_on_commit_callbacks(execute=True):
        transitions.prendre_en_charge(instructeur, cand, collegue_dgaln)
    cand.refresh_from_db()
    assert cand.statut == S.EN_INSTRUCTION and cand.instructeur == collegue_dgaln
    assert [m.to for m in mail.outbox] == [[collegue_dgaln.email]]


def test_the_service_may_withdraw_its_own_file(fabrique, collegue, instructeur):
    cand = fabrique(S.DEPOSEE)
    transitions.classer_sans_suite(collegue, cand, "La commune renonce")
    cand.refresh_from_db()
    assert cand.statut == S.SANS_SUITE
    assert Evenement.objects.pour(cand).last().libelle == "Dossier retiré par le service"


def test_intention_is_declared_for_the_agent_service_and_reaches_the_dgaln(
    agent, instructeur, referentiel, django_capture_on_commit_callbacks
):
    from referentiels.models import Commune

    doullens = Commune.objects.get(code="80253")
    with django_capture_on_commit_callbacks(execute=True):
        cand = transitions.declarer_intention(
            agent, titre="Site Sueur", echelle="quartier", communes=[doullens]
        )
    assert cand.statut == S.INTENTION and cand.service == agent.organisation
    assert "doullens" in cand.recherche
    assert [m.to for m in mail.outbox] == [[instructeur.email]]


def test_only_an_agent_declares_an_intention(instructeur, prestataire):
    for personne in (instructeur, prestataire):
        with pytest.raises(TransitionRefusee):
            transitions.declarer_intention(personne, titre="x", echelle="commune", communes=[])


def test_a_refused_transition_sends_no_mail(
    fabrique, instructeur, django_capture_on_commit_callbacks
):
    cand = fabrique(S.BROUILLON)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionRefusee):
        transitions.declarer_eligible(instructeur, cand, "motif")
    assert mail.outbox == []

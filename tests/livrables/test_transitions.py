"""Every transition of a livrable, legal and illegal, for each kind of person; and what its
« Prochaine étape » tells each of them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from antivirus.models import EtatAnalyse
from ateliers.models import Phase
from journal.models import Evenement
from journal.transitions import TransitionRefusee
from livrables import transitions
from livrables.models import StatutLivrable, Type, Version
from livrables.workflow import LIVRABLE, Action, Journal
from tests.factories import AtelierFactory
from tests.fichiers import pdf
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db

S = StatutLivrable
A = Action

# How each transition of the table is called (the meta-test checks that every transition of
# ``LIVRABLE`` has its line); the states, targets and parties come from the table itself.
WORKFLOW = LIVRABLE
APPELS = {
    A.DEPOT: lambda acteur, livrable: transitions.deposer(acteur, livrable, pdf("v.pdf")),
    A.VALIDATION: lambda acteur, livrable: transitions.valider(acteur, livrable, "Merci"),
    A.REPRISE: lambda acteur, livrable: transitions.demander_reprise(
        acteur, livrable, "Chiffrez les actions."
    ),
}

# transition → (states it leaves from, state it leads to, who may do it), read from the table
TABLE = {
    t.action: (set(t.depuis), t.vers, {p.code for p in t.par}) for t in LIVRABLE if not t.creation
}
ECHEANCE = timezone.localdate() + datetime.timedelta(days=30)


@pytest.fixture
def fabrique(agent, atelier, titulaire_user):
    """A feuille de route of the atelier brought to the given state by the real transitions."""

    def fabriquer(statut):
        livrable = transitions.ajouter(agent, atelier, Type.FEUILLE_DE_ROUTE, ECHEANCE)
        if statut != S.ATTENDU:
            transitions.deposer(titulaire_user, livrable, pdf("v1.pdf"), "Première version")
        if statut == S.A_REPRENDRE:
            transitions.demander_reprise(agent, livrable, "Nommez les porteurs.")
        if statut == S.VALIDE:
            transitions.valider(agent, livrable)
        livrable.refresh_from_db()
        assert livrable.statut == statut
        return livrable

    return fabriquer


def _acteur(nom, agent, titulaire_user):
    return titulaire_user if "titulaire" in TABLE[nom][2] else agent


def cas():
    for nom, (depart, _, _) in TABLE.items():
        for statut in StatutLivrable:
            yield pytest.param(nom, statut, statut in depart, id=f"{nom.value}-{statut.value}")


@pytest.mark.parametrize(("nom", "statut", "legal"), list(cas()))
def test_transition_from_each_state(nom, statut, legal, fabrique, agent, titulaire_user):
    livrable = fabrique(statut)
    _, arrivee, _ = TABLE[nom]
    acteur = _acteur(nom, agent, titulaire_user)
    evenements = Evenement.objects.pour(livrable).count()
    if legal:
        APPELS[nom](acteur, livrable)
        livrable.refresh_from_db()
        assert livrable.statut == arrivee
        assert Evenement.objects.pour(livrable).count() == evenements + 1
        evenement = Evenement.objects.pour(livrable).latest("id")
        assert (evenement.action, evenement.acteur) == (nom, acteur)
        assert (evenement.etat_avant, evenement.etat_apres) == (statut, arrivee)
    else:
        with pytest.raises(TransitionRefusee) as refus:
            APPELS[nom](acteur, livrable)
        assert str(refus.value).startswith(
            f"Le livrable « Feuille de route » est à l'état « {statut.label} » : "
            f"« {LIVRABLE[nom].bouton} » n'est possible qu'à l'état"
        )
        livrable.refresh_from_db()
        assert livrable.statut == statut
        assert Evenement.objects.pour(livrable).count() == evenements


@pytest.mark.parametrize("nom", list(TABLE))
def test_a_prestataire_of_another_groupement_or_another_service_can_do_nothing(
    nom, fabrique, autre_prestataire, autre_agent
):
    depart = sorted(TABLE[nom][0])[0]
    livrable = fabrique(depart)
    evenements = Evenement.objects.pour(livrable).count()
    for acteur in (autre_prestataire, autre_agent):
        with pytest.raises(TransitionRefusee, match=LIVRABLE[nom].refus):
            APPELS[nom](acteur, livrable)
    livrable.refresh_from_db()
    assert livrable.statut == depart
    assert Evenement.objects.pour(livrable).count() == evenements


def test_the_titulaire_does_not_review_and_the_service_does_not_deposit(
    fabrique, agent, titulaire_user
):
    livrable = fabrique(S.DEPOSE)
    for nom in (A.VALIDATION, A.REPRISE):
        with pytest.raises(TransitionRefusee, match="Le service pilote et la DGALN valident"):
            APPELS[nom](titulaire_user, livrable)
    with pytest.raises(TransitionRefusee, match="Seul le titulaire de l'atelier dépose"):
        transitions.deposer(agent, livrable, pdf())
    assert livrable.versions.count() == 1


@pytest.mark.parametrize("nom", [A.VALIDATION, A.REPRISE])
def test_the_dgaln_reviews_too(nom, fabrique, instructeur):
    livrable = fabrique(S.DEPOSE)
    APPELS[nom](instructeur, livrable)
    livrable.refresh_from_db()
    assert livrable.statut == TABLE[nom][1]


@pytest.mark.parametrize(
    ("nom", "avis"), [(A.VALIDATION, Version.Avis.VALIDEE), (A.REPRISE, Version.Avis.A_REPRENDRE)]
)
def test_the_version_waiting_gets_the_opinion_of_the_transition(
    nom, avis, fabrique, agent, titulaire_user
):
    livrable = fabrique(S.DEPOSE)
    transitions.deposer(titulaire_user, livrable, pdf("v2.pdf"))
    APPELS[nom](agent, livrable)
    assert list(livrable.versions.values_list("numero", "avis", "avis_par")) == [
        (2, avis, agent.pk),
        (1, Version.Avis.REMPLACEE, None),
    ]


def test_a_closed_atelier_receives_no_version(fabrique, atelier, titulaire_user):
    livrable = fabrique(S.A_REPRENDRE)
    atelier.phase = Phase.CLOTURE
    atelier.save(update_fields=["phase"])
    livrable.refresh_from_db()
    with pytest.raises(TransitionRefusee, match="L'atelier est clôturé"):
        transitions.deposer(titulaire_user, livrable, pdf())
    assert livrable.versions.count() == 1


@pytest.mark.parametrize("nom", [A.VALIDATION, A.REPRISE])
def test_nobody_reviews_a_version_the_antivirus_has_not_cleared(nom, fabrique, agent):
    livrable = fabrique(S.DEPOSE)
    livrable.versions.update(analyse=EtatAnalyse.EN_ANALYSE)
    with pytest.raises(TransitionRefusee, match="en cours d'analyse antivirus"):
        APPELS[nom](agent, livrable)
    livrable.versions.update(analyse=EtatAnalyse.INFECTE)
    with pytest.raises(TransitionRefusee, match="virus détecté"):
        APPELS[nom](agent, livrable)
    livrable.refresh_from_db()
    assert livrable.statut == S.DEPOSE


# « Prochaine étape » on the livrable's page: who must act, since when, what is missing.


def _page(client, personne, livrable):
    client.force_login(personne)
    return texte_lu(client.get(reverse("livrables:detail", args=[livrable.pk])))


def test_an_expected_livrable_waits_for_the_titulaire_with_its_due_date(
    client, fabrique, atelier, titulaire_user
):
    livrable = fabrique(S.ATTENDU)
    page = _page(client, titulaire_user, livrable)
    assert f"Déposer une version — à faire par le titulaire ({atelier.titulaire.nom})" in page
    assert "État « Attendu » depuis le " in page and "(aujourd'hui)" in page
    assert "Il manque encore : une version du livrable, attendue le" in page


def test_a_deposited_version_waits_for_the_service_or_the_dgaln(
    client, fabrique, atelier, agent, titulaire_user
):
    livrable = fabrique(S.DEPOSE)
    Evenement.objects.pour(livrable).filter(action=A.DEPOT).update(
        date=timezone.now() - datetime.timedelta(days=4)
    )
    page = _page(client, titulaire_user, livrable)
    assert (
        f"Valider la version — à faire par le service pilote ({atelier.service_pilote}) "
        "ou la DGALN (bureau AD1)" in page
    )
    assert "(4 jours)" in page
    page = _page(client, agent, livrable)
    assert page.index("Valider la version 1") < page.index("Demander une reprise")


def test_a_version_waiting_is_not_a_deposit_still_expected_of_the_titulaire(
    client, fabrique, titulaire_user
):
    livrable = fabrique(S.DEPOSE)
    page = _page(client, titulaire_user, livrable)
    etape = page[page.index("Prochaine étape") : page.index("État « À valider »")]
    assert "Déposer une version" not in etape


def test_the_antivirus_pending_is_what_is_missing_and_hides_the_buttons(client, fabrique, agent):
    livrable = fabrique(S.DEPOSE)
    livrable.versions.update(analyse=EtatAnalyse.EN_ANALYSE)
    page = _page(client, agent, livrable)
    manque = page[page.index("Il manque encore :") : page.index("Versions")]
    assert "La version 1 est en cours d'analyse antivirus" in manque
    assert "Valider la version 1" not in page
    assert "Demander une reprise" not in page


def test_a_send_back_tells_the_titulaire_what_to_redo(client, fabrique, titulaire_user):
    livrable = fabrique(S.A_REPRENDRE)
    page = _page(client, titulaire_user, livrable)
    assert "Déposer une version — à faire par le titulaire" in page
    assert "qui tienne compte de la demande de reprise du" in page
    assert "« Nommez les porteurs. »" in page


def test_a_validated_livrable_says_it_is_over(client, fabrique, agent):
    livrable = fabrique(S.VALIDE)
    page = _page(client, agent, livrable)
    assert "Le livrable est validé : il ne reçoit plus de nouvelle version." in page
    assert "Modifier l'échéance" not in page


def test_the_journal_codes_are_those_of_the_existing_journal():
    assert set(Action.values) | set(Journal.values) == {
        "creation",
        "depot",
        "validation",
        "reprise",
        "echeance",
        "livrable_retire",
    }


def test_the_service_records_a_livrable_from_the_list_choosing_the_atelier(
    client, atelier, agent, titulaire_user, autre_agent
):
    nouveau = reverse("livrables:ajouter")
    donnees = {"atelier": atelier.pk, "type": Type.CHARTE, "intitule": "", "echeance": "2027-03-01"}
    client.force_login(agent)
    assert f'href="{nouveau}"' in client.get(reverse("livrables:liste")).content.decode()
    reponse = client.post(nouveau, donnees, follow=True)
    assert "« Charte » attendu : le titulaire est prévenu." in texte_lu(reponse)
    assert list(atelier.livrables.values_list("type", "statut")) == [(Type.CHARTE, S.ATTENDU)]
    # Nobody else records one, even by posting another service's atelier.
    client.force_login(autre_agent)
    reponse = client.post(nouveau, {**donnees, "type": Type.PLAN_GUIDE}, follow=True)
    assert "Votre service ne pilote aucun atelier en cours" in texte_lu(reponse)
    client.force_login(titulaire_user)
    assert f'href="{nouveau}"' not in client.get(reverse("livrables:liste")).content.decode()
    reponse = client.post(nouveau, {**donnees, "type": Type.PLAN_GUIDE}, follow=True)
    assert LIVRABLE[A.CREATION].refus in texte_lu(reponse)
    # An agent whose service pilots an atelier is offered that one only.
    AtelierFactory(
        service_pilote=autre_agent.organisation, candidature__service=autre_agent.organisation
    )
    client.force_login(autre_agent)
    reponse = client.post(nouveau, {**donnees, "type": Type.PLAN_GUIDE})
    assert "Sélectionnez un choix valide" in texte_lu(reponse)
    assert atelier.livrables.count() == 1

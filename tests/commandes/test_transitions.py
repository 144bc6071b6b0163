"""The life of a bon de commande: every transition of its table from every state, for each
kind of person; their audit, the 1–2 bons rule and the accord-cadre's ceiling."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from commandes import transitions
from commandes.models import BonDeCommande, StatutBon
from commandes.workflow import BON, Action
from journal.models import Evenement
from marches.models import AccordCadre
from tests.factories import AtelierFactory, UserFactory
from tests.outils import texte, texte_lu
from tests.roles import personnes

pytestmark = pytest.mark.django_db

S = StatutBon
A = Action

# How each transition of the table is called (the meta-test checks that every transition of
# ``BON`` has its line); the states, targets and parties come from the table itself.
WORKFLOW = BON
APPELS = {
    A.MODIFICATION: lambda acteur, bon: transitions.modifier(acteur, bon, objet="Nouvel objet"),
    A.EMISSION: lambda acteur, bon: transitions.emettre(acteur, bon),
    A.NOTIFICATION: lambda acteur, bon: transitions.notifier_titulaire(acteur, bon),
    A.SERVICE_FAIT: lambda acteur, bon: transitions.attester_service_fait(
        acteur, bon, None, "Feuille de route reçue"
    ),
    A.ANNULATION: lambda acteur, bon: transitions.annuler(acteur, bon, "Atelier reporté"),
}
TABLE = {t.action: t for t in BON if not t.creation}


def cas():
    for action, t in TABLE.items():
        for statut in StatutBon:
            yield pytest.param(action, statut, statut in t.depuis, id=f"{action.value}-{statut}")


@pytest.mark.parametrize(("action", "statut", "legal"), list(cas()))
def test_transition_from_each_state(action, statut, legal, agent, fabrique_bon):
    bon = fabrique_bon(statut)
    evenements = Evenement.objects.pour(bon).count()
    if legal:
        APPELS[action](agent, bon)
        bon.refresh_from_db()
        assert bon.statut == TABLE[action].cible(statut)
        evenement = Evenement.objects.pour(bon).latest("id")
        assert Evenement.objects.pour(bon).count() == evenements + 1
        assert (evenement.action, evenement.acteur, evenement.etat_avant) == (
            action,
            agent,
            statut,
        )
        assert evenement.etat_apres == bon.statut
    else:
        with pytest.raises(transitions.TransitionRefusee) as refus:
            APPELS[action](agent, bon)
        assert str(refus.value).startswith(
            f"Le bon {bon.numero} est à l'état « {StatutBon(statut).label} » : "
            f"« {TABLE[action].bouton} » n'est possible qu'à l'état"
        )
        bon.refresh_from_db()
        assert bon.statut == statut
        assert Evenement.objects.pour(bon).count() == evenements


@pytest.mark.parametrize("action", list(TABLE))
def test_only_the_pilot_service_takes_a_step(action, agent, titulaire_user, fabrique_bon):
    depart = TABLE[action].depuis[0]
    bon = fabrique_bon(depart)
    evenements = Evenement.objects.pour(bon).count()
    autres = personnes(agent, titulaire_user)
    for role in ("autre_service", "instructeur", "administrateur", "titulaire"):
        with pytest.raises(transitions.TransitionRefusee) as refus:
            APPELS[action](autres[role], bon)
        assert str(refus.value) == TABLE[action].refus
        assert str(refus.value).startswith("Seul le service pilote de l'atelier ")
    bon.refresh_from_db()
    assert bon.statut == depart
    assert Evenement.objects.pour(bon).count() == evenements


def test_a_bon_goes_from_draft_to_service_fait_with_each_step_in_the_journal(
    agent, titulaire_user, fabrique_bon, django_capture_on_commit_callbacks
):
    bon = fabrique_bon()
    assert bon.numero == f"{bon.atelier.candidature.reference}-1"
    assert bon.statut == StatutBon.BROUILLON
    with django_capture_on_commit_callbacks(execute=True):
        transitions.emettre(agent, bon, datetime.date(2026, 11, 2))
        transitions.notifier_titulaire(agent, bon, datetime.date(2026, 11, 3))
        transitions.attester_service_fait(
            agent, bon, datetime.date(2026, 11, 20), "Feuille de route reçue"
        )
    bon.refresh_from_db()
    assert bon.statut == StatutBon.EXECUTE
    assert (bon.date_emission, bon.date_notification, bon.date_service_fait) == (
        datetime.date(2026, 11, 2),
        datetime.date(2026, 11, 3),
        datetime.date(2026, 11, 20),
    )
    journal = list(
        Evenement.objects.pour(bon).values_list("acteur", "etat_avant", "etat_apres", "action")
    )
    assert journal == [
        (agent.pk, "", "brouillon", "creation"),
        (agent.pk, "brouillon", "emis", "emission"),
        (agent.pk, "emis", "notifie", "notification"),
        (agent.pk, "notifie", "execute", "service_fait"),
    ]
    # The titulaire learns of the notification (with the Chorus references) and the service fait.
    sujets = [m.subject for m in mail.outbox if titulaire_user.email in m.to]
    assert sujets == [
        f"[Ateliers Flash] Bon de commande notifié : {bon.numero}",
        f"[Ateliers Flash] Service fait attesté : {bon.numero}",
    ]
    assert "n° d'engagement 2100012345 et le code service DDT80-SA" in mail.outbox[0].body


def test_emission_needs_the_chorus_references(agent, atelier):
    bon = transitions.creer(agent, atelier, objet="Atelier", montant_ht="20000")
    with pytest.raises(transitions.TransitionRefusee, match="engagement juridique"):
        transitions.emettre(agent, bon)
    with pytest.raises(transitions.TransitionRefusee, match="10 chiffres"):
        transitions.modifier(agent, bon, engagement_juridique="EJ-12")
    transitions.modifier(agent, bon, engagement_juridique="2100012345")
    with pytest.raises(transitions.TransitionRefusee, match="code service"):
        transitions.emettre(agent, bon)
    transitions.modifier(agent, bon, code_service="DDT80")
    transitions.emettre(agent, bon)
    assert BonDeCommande.objects.get().statut == StatutBon.EMIS


def test_dates_cannot_go_backwards_or_into_the_future(agent, fabrique_bon):
    bon = fabrique_bon()
    with pytest.raises(transitions.TransitionRefusee, match="dans le futur"):
        transitions.emettre(agent, bon, datetime.date.today() + datetime.timedelta(days=1))
    transitions.emettre(agent, bon, datetime.date(2026, 11, 10))
    with pytest.raises(transitions.TransitionRefusee, match="ne peut pas précéder l'émission"):
        transitions.notifier_titulaire(agent, bon, datetime.date(2026, 11, 9))


def test_a_refused_step_names_the_state_and_where_it_is_possible(agent, fabrique_bon):
    bon = fabrique_bon(StatutBon.EXECUTE)
    with pytest.raises(transitions.TransitionRefusee) as refus:
        transitions.annuler(agent, bon, "Trop tard")
    assert str(refus.value) == (
        f"Le bon {bon.numero} est à l'état « Exécuté (service fait) » : « Annuler le bon » "
        "n'est possible qu'à l'état « Brouillon » ou « Émis » ou « Notifié au titulaire »."
    )
    with pytest.raises(transitions.TransitionRefusee) as refus:
        transitions.modifier(agent, bon, montant_ht="1")
    assert str(refus.value).endswith(
        "« Modifier le brouillon » n'est possible qu'à l'état « Brouillon »."
    )
    bon.refresh_from_db()
    assert bon.montant_ht == Decimal("10000.00")


def test_modifying_a_draft_keeps_it_a_draft_and_is_journaled(agent, fabrique_bon):
    bon = fabrique_bon()
    transitions.modifier(agent, bon, montant_ht=Decimal("12000.00"), code_service=" DDT80 ")
    bon.refresh_from_db()
    assert (bon.statut, bon.montant_ht, bon.montant_ttc, bon.code_service) == (
        StatutBon.BROUILLON,
        Decimal("12000.00"),
        Decimal("14400.00"),
        "DDT80",
    )
    evenement = Evenement.objects.pour(bon).latest("id")
    assert (evenement.action, evenement.libelle) == (
        "modification",
        "Brouillon du bon de commande modifié",
    )


def test_a_third_bon_is_refused_until_one_is_cancelled(agent, atelier, fabrique_bon):
    premier, second = fabrique_bon(StatutBon.EMIS), fabrique_bon()
    with pytest.raises(transitions.TransitionRefusee) as refus:
        fabrique_bon()
    lien = '<a href="/commandes/{}/">{}</a>'
    assert str(refus.value) == (
        "Un atelier compte au plus deux bons de commande : celui-ci a déjà "
        f"{lien.format(premier.pk, premier.numero)} et {lien.format(second.pk, second.numero)}. "
        "Annulez l'un d'eux pour en préparer un autre."
    )
    transitions.annuler(agent, second, "Montant erroné")
    troisieme = fabrique_bon()
    # Numbers are never reused: the cancelled bon keeps its own.
    assert troisieme.numero.endswith("-3")
    assert atelier.bons.count() == 3


def test_the_atelier_page_tells_the_agent_why_no_third_bon_and_the_titulaire_nothing(
    client, agent, titulaire_user, atelier, fabrique_bon
):
    premier, _ = fabrique_bon(StatutBon.EMIS), fabrique_bon()
    page = reverse("ateliers:detail", args=[atelier.pk])
    client.force_login(agent)
    reponse = client.get(page)
    lu = texte(reponse)
    assert "Un atelier compte au plus deux bons de commande" in lu
    # The bons named are links to their pages, where one can be cancelled.
    assert f'<a href="/commandes/{premier.pk}/">{premier.numero}</a>' in reponse.content.decode()
    assert "Préparer un bon de commande" not in lu
    client.force_login(titulaire_user)
    assert "Un atelier compte au plus deux bons" not in texte(client.get(page))


def test_cancelling_needs_a_reason_and_tells_the_titulaire_once_it_knew(
    agent, titulaire_user, fabrique_bon, django_capture_on_commit_callbacks
):
    brouillon, notifie = fabrique_bon(), fabrique_bon(StatutBon.NOTIFIE)
    with pytest.raises(transitions.TransitionRefusee, match="motif"):
        transitions.annuler(agent, brouillon, "  ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transitions.annuler(agent, brouillon, "Doublon")
        transitions.annuler(agent, notifie, "Atelier reporté")
    assert [m.subject for m in mail.outbox] == [
        f"[Ateliers Flash] Bon de commande annulé : {notifie.numero}"
    ]
    notifie.refresh_from_db()
    assert (notifie.statut, notifie.motif_annulation) == (StatutBon.ANNULE, "Atelier reporté")


def test_the_accord_cadre_maximum_cannot_be_passed(agent, accord, atelier, fabrique_bon):
    AccordCadre.objects.filter(pk=accord.pk).update(montant_max_ht=Decimal("50000.00"))
    autre = AtelierFactory(titulaire=atelier.titulaire)
    fabrique_bon(StatutBon.EXECUTE, montant_ht="20000.00")
    fabrique_bon(StatutBon.NOTIFIE, montant_ht="20000.00", sur=autre)
    # Drafts and cancelled bons do not count.
    fabrique_bon(StatutBon.ANNULE, montant_ht="40000.00", sur=autre)
    trop = fabrique_bon(montant_ht="10000.01")
    with pytest.raises(transitions.TransitionRefusee) as refus:
        transitions.emettre(agent, trop)
    message = " ".join(str(refus.value).split())  # French non-breaking spaces
    assert "au-delà de son maximum de 50 000,00 € HT" in message
    assert "reste disponible : 10 000,00 € HT" in message
    trop.refresh_from_db()
    assert trop.statut == StatutBon.BROUILLON
    transitions.modifier(agent, trop, montant_ht=Decimal("10000.00"))
    transitions.emettre(agent, trop)  # exactly the maximum is allowed


def test_no_bon_is_emitted_on_an_expired_accord_cadre(agent, accord, fabrique_bon):
    bon = fabrique_bon()
    AccordCadre.objects.filter(pk=accord.pk).update(statut=AccordCadre.Statut.ECHU)
    with pytest.raises(transitions.TransitionRefusee, match="n'est pas en vigueur"):
        transitions.emettre(agent, bon)


def test_the_service_prepares_and_emits_a_bon_through_its_pages(client, agent, atelier):
    client.force_login(agent)
    page = client.get(reverse("ateliers:detail", args=[atelier.pk]))
    assert "Préparer un bon de commande" in texte(page)
    formulaire = client.get(reverse("commandes:creer", args=[atelier.pk]))
    assert formulaire.context["form"]["montant_ht"].value() == "20000,00"
    reponse = client.post(
        reverse("commandes:creer", args=[atelier.pk]),
        {
            "objet": "Atelier Flash de Péronne",
            "quantite": "1",
            "unite": "forfait",
            "montant_ht": "12 000,50",
            "taux_tva": "20",
            "fin_execution": "2027-06-30",
            "engagement_juridique": "12",
            "code_service": "",
        },
    )
    assert "Le numéro d'engagement juridique Chorus compte 10 chiffres." in texte(reponse)
    reponse = client.post(
        reverse("commandes:creer", args=[atelier.pk]),
        {
            "objet": "Atelier Flash de Péronne",
            "quantite": "1",
            "unite": "forfait",
            "montant_ht": "12 000,50",
            "taux_tva": "20",
            "fin_execution": "2027-06-30",
            "engagement_juridique": "2100012345",
            "code_service": "DDT80-SA",
        },
        follow=True,
    )
    bon = BonDeCommande.objects.get()
    assert bon.montant_ttc == Decimal("14400.60")
    assert "Émettre le bon" in texte(reponse)
    reponse = client.post(
        reverse("commandes:action", args=[bon.pk, "emettre"]), {"date": ""}, follow=True
    )
    assert "Bon émis." in texte(reponse)
    assert "Notifier au titulaire" in texte_lu(reponse)
    bon.refresh_from_db()
    assert (bon.statut, bon.date_emission) == (StatutBon.EMIS, datetime.date.today())


def test_the_dgaln_sees_consumption_and_the_ledger(client, accord, fabrique_bon):
    fabrique_bon(StatutBon.EXECUTE, montant_ht="20000")
    fabrique_bon(StatutBon.EMIS, montant_ht="5000")
    client.force_login(UserFactory(instructeur=True))
    lu = texte_lu(client.get(reverse("commandes:accord_cadre", args=[accord.pk])))
    assert "Commandé HT 25 000,00 € (1 %)" in lu
    assert "Exécuté HT 20 000,00 €" in lu
    assert "Reste disponible HT 2 975 000,00 €" in lu
    liste = texte_lu(client.get(reverse("commandes:accords_cadres")))
    assert accord.reference in liste

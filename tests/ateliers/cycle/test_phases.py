"""The atelier's life: the on-site programme, the phases, closure, the thread."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from ateliers import services, transitions
from ateliers.models import Phase, ProgrammeSurSite
from commandes.models import StatutBon
from journal.models import Evenement
from journal.transitions import TransitionRefusee
from livrables import transitions as transitions_livrable
from notifications.models import Notification
from tests.factories import LivrableFactory
from tests.fichiers import pdf
from tests.outils import texte_lu

AUJOURDHUI = timezone.localdate()


def programme_complet(titulaire_user, atelier):
    premier = AUJOURDHUI + datetime.timedelta(days=20)
    return services.modifier_programme(
        titulaire_user,
        atelier,
        premier_jour=premier,
        dernier_jour=premier + datetime.timedelta(days=1),
        lieu="Salle des fêtes de Péronne",
        deroule="Jour 1 : 9 h introduction, 10 h arpentage ; jour 2 : tables, restitution.",
        arpentage="Gare, friche, centre-bourg",
        invites="Maire, élus, CAUE, habitants",
        tables="Habitat ; mobilités ; commerce",
    )


def programme_valide(agent, titulaire_user, atelier):
    programme_complet(titulaire_user, atelier)
    transitions.proposer_programme(titulaire_user, atelier)
    return transitions.valider_programme(agent, atelier, "Très bien.")


def test_programme_cannot_be_proposed_while_incomplete(titulaire_user, atelier):
    services.modifier_programme(titulaire_user, atelier, lieu="Mairie")
    with pytest.raises(TransitionRefusee, match=r"jours et horaires.*parcours de l'arpentage"):
        transitions.proposer_programme(titulaire_user, atelier)


def test_programme_on_site_lasts_three_days_at_most(titulaire_user, atelier):
    with pytest.raises(TransitionRefusee, match="3 jours au plus"):
        services.modifier_programme(
            titulaire_user,
            atelier,
            premier_jour=AUJOURDHUI,
            dernier_jour=AUJOURDHUI + datetime.timedelta(days=3),
        )


def test_service_sends_programme_back_then_validates_it(agent, titulaire_user, atelier):
    programme_complet(titulaire_user, atelier)
    transitions.proposer_programme(titulaire_user, atelier)
    assert Notification.objects.filter(destinataire=agent, titre__contains="à valider").exists()
    with pytest.raises(TransitionRefusee, match="proposé par le titulaire"):
        services.modifier_programme(agent, atelier, lieu="Ailleurs")
    with pytest.raises(TransitionRefusee, match="ne se modifie plus"):
        services.modifier_programme(titulaire_user, atelier, lieu="Ailleurs")

    transitions.demander_revision_programme(agent, atelier, "Invitez aussi la CCI.")
    atelier.programme.refresh_from_db()
    assert atelier.programme.statut == ProgrammeSurSite.Statut.A_REVOIR
    assert Notification.objects.filter(
        destinataire=titulaire_user, texte__contains="Invitez aussi la CCI"
    ).exists()

    services.modifier_programme(titulaire_user, atelier, invites="Maire, élus, CCI")
    transitions.proposer_programme(titulaire_user, atelier)
    programme = transitions.valider_programme(agent, atelier, "")
    assert programme.statut == ProgrammeSurSite.Statut.VALIDE
    animation = atelier.planning.get(phase=Phase.ANIMATION)
    assert (animation.debut_prevu, animation.fin_prevue) == (
        programme.premier_jour,
        programme.dernier_jour,
    )


def test_titulaire_cannot_validate_its_own_programme(titulaire_user, atelier):
    programme_complet(titulaire_user, atelier)
    transitions.proposer_programme(titulaire_user, atelier)
    with pytest.raises(TransitionRefusee, match="Seul le service pilote"):
        transitions.valider_programme(titulaire_user, atelier)


def test_animation_starts_only_once_programme_is_validated(agent, titulaire_user, atelier):
    with pytest.raises(TransitionRefusee, match="validé le programme"):
        transitions.avancer(titulaire_user, atelier)
    programme_valide(agent, titulaire_user, atelier)
    transitions.avancer(titulaire_user, atelier)
    atelier.refresh_from_db()
    assert atelier.phase == Phase.ANIMATION


def test_phases_move_forward_in_order_with_dates_audit_and_notification(
    agent, titulaire_user, atelier
):
    programme_valide(agent, titulaire_user, atelier)
    atelier.planning.filter(phase=Phase.CADRAGE).update(
        debut_reel=AUJOURDHUI - datetime.timedelta(days=60)
    )
    hier = AUJOURDHUI - datetime.timedelta(days=1)
    transitions.avancer(titulaire_user, atelier, hier, "Atelier tenu les 2 jours.")
    transitions.avancer(titulaire_user, atelier)
    transitions.avancer(agent, atelier)
    atelier.refresh_from_db()
    assert atelier.phase == Phase.RESTITUTION
    etapes = {e.phase: e for e in atelier.planning.all()}
    assert etapes[Phase.CADRAGE].fin_reelle == hier
    assert etapes[Phase.ANIMATION].debut_reel == hier
    assert etapes[Phase.PRODUCTION].fin_reelle == AUJOURDHUI
    phases = list(
        Evenement.objects.pour(atelier)
        .filter(action="phase")
        .values_list("etat_avant", "etat_apres", "acteur__email")
    )
    assert phases == [
        ("cadrage", "animation", titulaire_user.email),
        ("animation", "production", titulaire_user.email),
        ("production", "restitution", agent.email),
    ]
    assert Notification.objects.filter(
        destinataire=agent, titre__contains="animation sur site"
    ).exists()
    # The restitution ends by the closure, which is the service's.
    with pytest.raises(TransitionRefusee, match="« Passer à la phase suivante » n'est possible"):
        transitions.avancer(titulaire_user, atelier)


def test_phase_change_date_cannot_be_in_future_or_before_phase_start(
    agent, titulaire_user, atelier
):
    programme_valide(agent, titulaire_user, atelier)
    with pytest.raises(TransitionRefusee, match="futur"):
        transitions.avancer(titulaire_user, atelier, AUJOURDHUI + datetime.timedelta(days=1))
    with pytest.raises(TransitionRefusee, match="précéder le début de la phase"):
        transitions.avancer(titulaire_user, atelier, AUJOURDHUI - datetime.timedelta(days=400))


def test_dgaln_and_other_groupement_cannot_move_the_atelier(
    agent, titulaire_user, atelier, instructeur, autre_prestataire, autre_agent
):
    programme_valide(agent, titulaire_user, atelier)
    for intrus in (instructeur, autre_prestataire, autre_agent):
        with pytest.raises(TransitionRefusee, match="Seuls le titulaire et le service"):
            transitions.avancer(intrus, atelier)
    atelier.refresh_from_db()
    assert atelier.phase == Phase.CADRAGE


def amener_en_restitution(agent, titulaire_user, atelier):
    programme_valide(agent, titulaire_user, atelier)
    for _ in range(3):
        transitions.avancer(titulaire_user, atelier)


def test_closure_needs_validated_livrables_and_executed_bons(
    agent, titulaire_user, atelier, fabrique_bon
):
    amener_en_restitution(agent, titulaire_user, atelier)
    with pytest.raises(TransitionRefusee, match=r"aucun livrable.*aucun bon de commande"):
        transitions.cloturer(agent, atelier)

    livrable = LivrableFactory(atelier=atelier, cree_par=agent)
    bon = fabrique_bon(StatutBon.NOTIFIE)
    fabrique_bon(StatutBon.ANNULE)  # a cancelled bon does not count
    with pytest.raises(TransitionRefusee) as refus:
        transitions.cloturer(agent, atelier)
    raison = strip_tags(str(refus.value))  # the bons named may link to their page
    assert "livrables non validés : Feuille de route" in raison
    assert f"bons de commande sans service fait : {bon.numero}" in raison

    transitions_livrable.deposer(titulaire_user, livrable, pdf())
    transitions_livrable.valider(agent, livrable)
    from commandes import transitions as transitions_bon

    transitions_bon.attester_service_fait(agent, bon, None, "Atelier réalisé")
    with pytest.raises(TransitionRefusee, match="Seul le service pilote clôture"):
        transitions.cloturer(titulaire_user, atelier)
    transitions.cloturer(agent, atelier, None, "Merci à tous")
    atelier.refresh_from_db()
    assert atelier.phase == Phase.CLOTURE
    assert atelier.date_cloture == AUJOURDHUI
    assert Notification.objects.filter(
        destinataire=titulaire_user, titre__startswith="Atelier clôturé"
    ).exists()
    # A closed atelier is read-only.
    with pytest.raises(TransitionRefusee, match="clôturé"):
        transitions.planifier(agent, atelier, {})


def test_planning_refuses_end_before_start_and_phases_out_of_order(agent, atelier):
    d = datetime.date(2027, 1, 10)
    with pytest.raises(TransitionRefusee, match="ne peut pas finir"):
        transitions.planifier(agent, atelier, {Phase.CADRAGE: (d, d - datetime.timedelta(1))})
    with pytest.raises(TransitionRefusee, match="avant la phase « Cadrage"):
        transitions.planifier(
            agent,
            atelier,
            {Phase.CADRAGE: (d, None), Phase.ANIMATION: (d - datetime.timedelta(5), None)},
        )


def test_planning_change_is_journaled_and_told_to_the_other_party(agent, titulaire_user, atelier):
    d = datetime.date(2027, 1, 10)
    changements = transitions.planifier(
        titulaire_user, atelier, {Phase.CADRAGE: (d, d + datetime.timedelta(days=40))}
    )
    assert changements == ["Cadrage et appropriation : 10/01/2027 au 19/02/2027"]
    evenement = Evenement.objects.pour(atelier).get(action="planning")
    assert evenement.acteur == titulaire_user
    assert Notification.objects.filter(destinataire=agent, titre__startswith="Planning").exists()
    # The same dates again change nothing and tell nobody.
    assert (
        transitions.planifier(
            titulaire_user, atelier, {Phase.CADRAGE: (d, d + datetime.timedelta(days=40))}
        )
        == []
    )


def test_message_reaches_service_titulaire_and_instructeur_but_not_its_author(
    agent, titulaire_user, atelier, instructeur, autre_prestataire
):
    atelier.candidature.instructeur = instructeur
    atelier.candidature.save()
    services.ecrire(titulaire_user, atelier, "Pouvez-vous nous envoyer le PLU ?")
    destinataires = set(
        Notification.objects.filter(titre__startswith="Nouveau message").values_list(
            "destinataire__email", flat=True
        )
    )
    service = set(atelier.service_pilote.membres.values_list("email", flat=True))
    assert agent.email in service
    assert destinataires == service | {instructeur.email}
    with pytest.raises(TransitionRefusee):
        services.ecrire(autre_prestataire, atelier, "Bonjour")


def test_second_click_on_next_phase_is_refused_not_applied(client, agent, titulaire_user, atelier):
    programme_valide(agent, titulaire_user, atelier)
    client.force_login(titulaire_user)
    url = reverse("ateliers:action", args=[atelier.pk, "avancer"])
    formulaire = {"depuis": "cadrage", "date": AUJOURDHUI.isoformat(), "commentaire": ""}
    client.post(url, formulaire)
    reponse = client.post(url, formulaire)  # the same form sent again
    atelier.refresh_from_db()
    assert atelier.phase == Phase.ANIMATION
    assert "L'atelier est déjà passé en phase « Animation sur site »" in texte_lu(reponse)

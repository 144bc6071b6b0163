"""Attributing an eligible file by the tourniquet, through the instructeur's page."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from ateliers.models import Atelier
from candidatures.models import StatutCandidature
from journal.models import Evenement
from marches.models import AccordCadre, TourDeTourniquet
from tests.factories import CandidatureFactory, UserFactory
from tests.outils import texte, texte_lu

from .conftest import equipier

pytestmark = pytest.mark.django_db


def page(eligible):
    return reverse("ateliers:attribuer", args=[eligible.pk])


def test_instructeur_sees_the_proposed_titulaire_and_confirms_it(
    client, instructeur, eligible, agent, ourcq, ville_ouverte, django_capture_on_commit_callbacks
):
    chez_ourcq = equipier(ourcq, "equipe@ourcq.example")
    chez_vo = equipier(ville_ouverte, "equipe@vo.example")
    client.force_login(instructeur)
    detail = client.get(reverse("candidatures:detail", args=[eligible.pk]))
    assert "Attribuer par le tourniquet" in texte(detail)

    reponse = client.get(page(eligible))
    lu = texte_lu(reponse)
    assert "Titulaire proposé : Groupement Ourcq" in lu
    assert "Tour normal — rang 1" in lu

    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(
            page(eligible),
            {"choix": "attribuer", "titulaire": ourcq.pk, "montant_ht": "19 500,00"},
            follow=True,
        )
    atelier = Atelier.objects.get(candidature=eligible)
    assert reponse.redirect_chain[-1][0] == reverse("ateliers:detail", args=[atelier.pk])
    assert "Atelier attribué à « Groupement Ourcq »" in texte(reponse)
    assert (atelier.titulaire, atelier.service_pilote, atelier.accord_cadre) == (
        ourcq,
        eligible.service,
        ourcq.accord_cadre,
    )
    assert atelier.montant_ht == Decimal("19500.00")
    eligible.refresh_from_db()
    assert eligible.statut == StatutCandidature.ATTRIBUEE
    assert Evenement.objects.pour(eligible).filter(action="attribution").exists()
    # The service and the titulaire's team are told; the other groupement is not.
    destinataires = {adresse for m in mail.outbox for adresse in m.to}
    assert {agent.email, chez_ourcq.email} <= destinataires
    assert chez_vo.email not in destinataires
    assert chez_ourcq.notifications.filter(titre__contains="Centre de Péronne").exists()
    # The amount reads as everywhere else in the portal, in the e-mail and the notification.
    assert "Montant prévu : 19\u202f500,00\u00a0€ HT." in mail.outbox[0].body
    assert "19500.00" not in chez_ourcq.notifications.get().texte
    # The service is told its first step: the expected livrables (the titulaire is not).
    au_service = next(m for m in mail.outbox if agent.email in m.to)
    assert "indiquez sur la page de l'atelier les livrables attendus" in au_service.body
    assert "livrables attendus" not in chez_ourcq.notifications.get().texte


def test_setting_aside_needs_a_reason_and_proposes_the_next(
    client, instructeur, eligible, agent, ourcq, ville_ouverte
):
    client.force_login(instructeur)
    reponse = client.post(page(eligible), {"choix": "ecarter", "titulaire": ourcq.pk})
    assert "Ce champ est obligatoire" in texte(reponse)
    assert not TourDeTourniquet.objects.exists()

    reponse = client.post(
        page(eligible),
        {
            "choix": "ecarter",
            "titulaire": ourcq.pk,
            "motif": "conflit",
            "commentaire": "Le mandataire travaille déjà pour la commune.",
        },
        follow=True,
    )
    lu = texte_lu(reponse)
    assert "« Groupement Ourcq » est écarté pour ce dossier" in lu
    assert "Titulaire proposé : Groupement Ville Ouverte" in lu
    assert "Groupement Ourcq — conflit d'intérêts : Le mandataire travaille déjà" in lu
    # The reason stays inside the DGALN: the service's timeline does not show it.
    client.force_login(agent)
    assert "écarté" not in texte(client.get(reverse("candidatures:detail", args=[eligible.pk])))


def test_a_page_shown_before_a_colleague_attributed_cannot_give_the_same_turn(
    client, instructeur, eligible, ourcq, ville_ouverte
):
    autre = CandidatureFactory(statut=StatutCandidature.ELIGIBLE)
    client.force_login(instructeur)
    client.post(page(autre), {"choix": "attribuer", "titulaire": ourcq.pk, "montant_ht": "20000"})
    reponse = client.post(
        page(eligible),
        {"choix": "attribuer", "titulaire": ourcq.pk, "montant_ht": "20000"},
        follow=True,
    )
    assert "Le tourniquet a avancé" in texte(reponse)
    assert "Titulaire proposé : Groupement Ville Ouverte" in texte_lu(reponse)
    assert not Atelier.objects.filter(candidature=eligible).exists()


def test_only_an_eligible_file_is_attributed(client, instructeur, ourcq):
    deposee = CandidatureFactory(statut=StatutCandidature.EN_INSTRUCTION)
    client.force_login(instructeur)
    reponse = client.get(page(deposee), follow=True)
    assert "« Attribuer par le tourniquet » n'est possible qu'à l'état « Éligible »" in texte(
        reponse
    )
    reponse = client.post(
        page(deposee), {"choix": "attribuer", "titulaire": ourcq.pk, "montant_ht": "20000"}
    )
    assert not Atelier.objects.exists()


def test_no_attribution_without_an_accord_cadre_in_force(client, instructeur, eligible, ourcq):
    AccordCadre.objects.update(statut=AccordCadre.Statut.ECHU)
    client.force_login(instructeur)
    reponse = client.get(page(eligible), follow=True)
    assert "Aucun accord-cadre n'est en vigueur" in texte(reponse)


def test_an_accord_cadre_in_force_by_status_but_not_by_its_dates_attributes_nothing(
    client, instructeur, eligible, ourcq
):
    """The 2025 accord-cadre set to « Échu », a 2029–2033 one to « En vigueur »: in December
    2026, nothing may be attributed under it."""
    import datetime

    accord = ourcq.accord_cadre
    accord.date_debut, accord.date_fin = datetime.date(2029, 9, 1), datetime.date(2033, 8, 31)
    accord.save()
    client.force_login(instructeur)

    affichee = texte(client.get(page(eligible)))
    reponse = client.post(
        page(eligible),
        {"choix": "attribuer", "titulaire": ourcq.pk, "montant_ht": "20 000,00"},
        follow=True,
    )

    refus = f"L'accord-cadre {accord.reference} court du 1er septembre 2029 au 31 août 2033"
    assert refus in affichee  # said before anyone confirms…
    assert refus in texte(reponse)  # …and the confirmation refused
    assert not Atelier.objects.filter(candidature=eligible).exists()
    assert not TourDeTourniquet.objects.exists()


def test_an_attribution_over_the_accord_cadre_s_maximum_is_refused(
    client, instructeur, eligible, ourcq
):
    from tests.factories import AtelierFactory

    accord = ourcq.accord_cadre
    accord.montant_max_ht = Decimal("30000.00")
    accord.save()
    AtelierFactory(accord_cadre=accord, titulaire=ourcq, montant_ht=Decimal("20000.00"))
    client.force_login(instructeur)

    reponse = client.post(
        page(eligible),
        {"choix": "attribuer", "titulaire": ourcq.pk, "montant_ht": "12 000,00"},
        follow=True,
    )

    assert (
        f"Le maximum de l'accord-cadre {accord.reference} (30\u202f000,00\u00a0€ HT) ne laisse "
        "que 10\u202f000,00\u00a0€ HT aux nouveaux ateliers : celui-ci prévoit "
        "12\u202f000,00\u00a0€ HT."
    ) in texte(reponse)
    assert not Atelier.objects.filter(candidature=eligible).exists()


def test_the_service_and_prestataires_cannot_attribute(client, eligible, agent, ourcq):
    client.force_login(agent)
    reponse = client.post(
        page(eligible),
        {"choix": "attribuer", "titulaire": ourcq.pk, "montant_ht": "1"},
        follow=True,
    )
    assert "Seule la DGALN attribue les ateliers" in texte(reponse)
    client.force_login(equipier(ourcq, "equipe@ourcq.example"))
    assert client.get(page(eligible)).status_code == 404
    client.force_login(UserFactory(organisation=UserFactory().organisation))
    assert client.get(page(eligible)).status_code == 404
    assert not Atelier.objects.exists()

"""Livrables: the expected list, versions kept, validation and sends-back, late ones."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from journal.models import Evenement
from journal.transitions import TransitionRefusee
from livrables import transitions
from livrables.models import Livrable, StatutLivrable, Type, Version
from livrables.workflow import Action, Journal
from notifications.models import Notification
from tests.factories import LivrableFactory
from tests.fichiers import executable_renomme, pdf, png, zip_bombe, zip_plans
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db
AUJOURDHUI = timezone.localdate()


@pytest.fixture
def livrable(agent, atelier, titulaire_user):
    return transitions.ajouter(
        agent, atelier, Type.FEUILLE_DE_ROUTE, AUJOURDHUI + datetime.timedelta(days=30)
    )


def test_service_records_expected_livrable_and_titulaire_is_told(livrable, titulaire_user):
    assert livrable.statut == StatutLivrable.ATTENDU
    assert livrable.famille == "Stratégique"
    assert Notification.objects.filter(
        destinataire=titulaire_user, titre="Livrable attendu : Feuille de route"
    ).exists()


def test_a_type_is_expected_once_per_atelier_but_other_livrables_need_a_title(agent, atelier):
    transitions.ajouter(agent, atelier, Type.CHARTE, AUJOURDHUI)
    with pytest.raises(TransitionRefusee, match="« Charte » est déjà attendu"):
        transitions.ajouter(agent, atelier, Type.CHARTE, AUJOURDHUI)
    with pytest.raises(TransitionRefusee, match="intitulé"):
        transitions.ajouter(agent, atelier, Type.AUTRE, AUJOURDHUI)
    transitions.ajouter(agent, atelier, Type.AUTRE, AUJOURDHUI, "Maquette 3D")
    transitions.ajouter(agent, atelier, Type.AUTRE, AUJOURDHUI, "Film")
    assert atelier.livrables.filter(type=Type.AUTRE).count() == 2


def test_titulaire_cannot_define_livrables(titulaire_user, atelier):
    with pytest.raises(TransitionRefusee, match="service pilote inscrit les livrables"):
        transitions.ajouter(titulaire_user, atelier, Type.CHARTE, AUJOURDHUI)


def test_every_version_is_kept_and_the_last_waits_for_an_opinion(livrable, titulaire_user, agent):
    v1 = transitions.deposer(titulaire_user, livrable, pdf("v1.pdf"), "Première version")
    v2 = transitions.deposer(titulaire_user, livrable, zip_plans(), "Avec les plans")
    v1.refresh_from_db()
    livrable.refresh_from_db()
    assert (v1.numero, v2.numero) == (1, 2)
    assert v1.avis == Version.Avis.REMPLACEE
    assert v2.avis == Version.Avis.EN_ATTENTE
    assert v2.type_mime == "application/zip"
    assert livrable.statut == StatutLivrable.DEPOSE
    assert (
        Notification.objects.filter(
            destinataire=agent, titre="Livrable à valider : Feuille de route"
        ).count()
        == 2
    )


def test_send_back_needs_a_comment_and_tells_the_titulaire(livrable, titulaire_user, agent):
    transitions.deposer(titulaire_user, livrable, pdf())
    with pytest.raises(TransitionRefusee, match="ce qu'il faut reprendre"):
        transitions.demander_reprise(agent, livrable, "  ")
    version = transitions.demander_reprise(agent, livrable, "Chiffrez les actions.")
    livrable.refresh_from_db()
    assert livrable.statut == StatutLivrable.A_REPRENDRE
    assert version.avis == Version.Avis.A_REPRENDRE
    assert version.avis_par == agent
    assert Notification.objects.filter(
        destinataire=titulaire_user, texte__contains="Chiffrez les actions."
    ).exists()
    evenement = Evenement.objects.pour(livrable).get(action=Action.REPRISE)
    assert (evenement.etat_avant, evenement.etat_apres) == ("depose", "a_reprendre")
    # The titulaire answers with a new version; the service validates it.
    transitions.deposer(titulaire_user, livrable, pdf("v2.pdf"))
    transitions.valider(agent, livrable, "Merci")
    livrable.refresh_from_db()
    assert livrable.statut == StatutLivrable.VALIDE
    assert list(livrable.versions.values_list("numero", "avis")) == [
        (2, Version.Avis.VALIDEE),
        (1, Version.Avis.A_REPRENDRE),
    ]


def test_nothing_to_validate_before_a_version_and_nothing_after_validation(
    livrable, titulaire_user, agent
):
    with pytest.raises(TransitionRefusee) as refus:
        transitions.valider(agent, livrable)
    assert str(refus.value) == (
        "Le livrable « Feuille de route » est à l'état « Attendu » : « Valider la version » "
        "n'est possible qu'à l'état « À valider »."
    )
    transitions.deposer(titulaire_user, livrable, pdf())
    transitions.valider(agent, livrable)
    with pytest.raises(TransitionRefusee) as refus:
        transitions.deposer(titulaire_user, livrable, pdf())
    assert str(refus.value) == (
        "Le livrable « Feuille de route » est à l'état « Validé » : « Déposer une version » "
        "n'est possible qu'à l'état « Attendu » ou « À valider » ou « À reprendre »."
    )
    with pytest.raises(TransitionRefusee, match="est à l'état « Validé »"):
        transitions.valider(agent, livrable)


def test_dgaln_may_validate_but_the_titulaire_may_not(livrable, titulaire_user, instructeur):
    transitions.deposer(titulaire_user, livrable, pdf())
    with pytest.raises(TransitionRefusee, match="service pilote et la DGALN"):
        transitions.valider(titulaire_user, livrable)
    transitions.valider(instructeur, livrable)
    livrable.refresh_from_db()
    assert livrable.statut == StatutLivrable.VALIDE


@pytest.mark.parametrize(
    "fichier, message",
    [
        (executable_renomme("plan.pdf"), "ne correspond pas à un document PDF"),
        (png("plan.exe"), "Format non accepté (.exe)"),
    ],
)
def test_upload_is_checked_by_content_and_extension(livrable, titulaire_user, fichier, message):
    with pytest.raises(ValidationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        transitions.deposer(titulaire_user, livrable, fichier)
    assert livrable.versions.count() == 0


def test_upload_too_large_is_refused_with_the_limit(livrable, titulaire_user, settings):
    settings.UPLOAD_MAX_SIZE_MB = 0.0001  # about 100 bytes
    with pytest.raises(ValidationError, match="taille maximale"):
        transitions.deposer(titulaire_user, livrable, pdf())


def test_zip_with_too_many_entries_is_refused(livrable, titulaire_user, settings):
    settings.FICHIERS_ZIP_ENTREES_MAX = 1
    with pytest.raises(ValidationError, match="trop de fichiers"):
        transitions.deposer(titulaire_user, livrable, zip_plans())


def test_a_zip_bomb_is_refused_on_the_upload_page(client, livrable, titulaire_user, settings):
    settings.FICHIERS_ZIP_TAILLE_DEPLIEE_MAX_MB = 1
    client.force_login(titulaire_user)
    reponse = client.post(
        reverse("livrables:detail", args=[livrable.pk]),
        {"fichier": zip_bombe(taille=3 * 1024**2, declaree=1000), "note": ""},
    )
    assert "L'archive ZIP pèse trop une fois décompressée (1,0" in texte_lu(reponse)
    assert livrable.versions.count() == 0


def test_upload_page_shows_the_error_in_french(client, livrable, titulaire_user):
    client.force_login(titulaire_user)
    reponse = client.post(
        reverse("livrables:detail", args=[livrable.pk]),
        {"fichier": executable_renomme("feuille.pdf"), "note": ""},
    )
    assert reponse.status_code == 200
    assert "Le contenu du fichier ne correspond pas à un document PDF" in texte_lu(reponse)


def test_livrable_can_be_withdrawn_only_before_any_version(livrable, titulaire_user, agent):
    autre = transitions.ajouter(agent, livrable.atelier, Type.CHARTE, AUJOURDHUI)
    transitions.retirer(agent, autre)
    assert not Livrable.objects.filter(pk=autre.pk).exists()
    assert Evenement.objects.pour(livrable.atelier).filter(action=Journal.RETRAIT).exists()
    transitions.deposer(titulaire_user, livrable, pdf())
    with pytest.raises(TransitionRefusee, match="ne peut plus être retiré"):
        transitions.retirer(agent, livrable)


def test_changing_the_due_date_is_journaled_and_told(livrable, agent, titulaire_user):
    nouvelle = AUJOURDHUI + datetime.timedelta(days=60)
    transitions.modifier(agent, livrable, nouvelle)
    assert Evenement.objects.pour(livrable).filter(action=Journal.MODIFICATION).exists()
    assert Notification.objects.filter(
        destinataire=titulaire_user, titre="Nouvelle échéance : Feuille de route"
    ).exists()


def test_late_livrables_are_those_past_due_and_not_validated(atelier, agent, titulaire_user):
    hier = AUJOURDHUI - datetime.timedelta(days=1)
    en_retard = LivrableFactory(atelier=atelier, type=Type.CHARTE, echeance=hier, cree_par=agent)
    a_temps = LivrableFactory(atelier=atelier, type=Type.PLAN_GUIDE, cree_par=agent)
    valide = LivrableFactory(
        atelier=atelier, type=Type.COMMUNICATION, echeance=hier, cree_par=agent
    )
    transitions.deposer(titulaire_user, valide, pdf())
    transitions.valider(agent, valide)
    assert set(Livrable.objects.en_retard()) == {en_retard}
    assert en_retard.est_en_retard() and not a_temps.est_en_retard()


@pytest.mark.parametrize("qui", ["agent", "titulaire_user", "instructeur"])
def test_late_livrables_are_flagged_on_every_dashboard(client, atelier, agent, qui, request):
    LivrableFactory(
        atelier=atelier,
        type=Type.CHARTE,
        echeance=AUJOURDHUI - datetime.timedelta(days=3),
        cree_par=agent,
    )
    client.force_login(request.getfixturevalue(qui))
    page = texte_lu(client.get(reverse("tableau_de_bord")))
    assert "1 livrable non validé après son échéance" in page
    assert "Charte — Centre de Péronne" in page


def test_service_changes_the_due_date_from_the_page(client, livrable, agent):
    client.force_login(agent)
    url = reverse("livrables:modifier", args=[livrable.pk])
    reponse = client.post(url, {"intitule": "", "echeance": "2027-02-15"}, follow=True)
    livrable.refresh_from_db()
    assert livrable.echeance == datetime.date(2027, 2, 15)
    assert "Livrable modifié." in texte_lu(reponse)
    erreur = client.post(url, {"intitule": "", "echeance": ""})
    assert "Ce champ est obligatoire." in texte_lu(erreur)

"""Personal data: anonymisation past retention, and the export of what is held on one person."""

import datetime
import io
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from ateliers.models import Phase, ProgrammeSurSite
from candidatures import fiche
from candidatures.models import Candidature, Depot, Message, StatutCandidature
from comptes.models import Invitation, User
from documents.models import Document
from exports.models import Export
from journal.models import Evenement, enregistrer
from notifications.models import Notification
from tests.factories import (
    MOT_DE_PASSE,
    AtelierFactory,
    CandidatureFactory,
    UserFactory,
    completer,
)

pytestmark = pytest.mark.django_db

MAINTENANT = timezone.now()


def il_y_a(**duree):
    return MAINTENANT - datetime.timedelta(**duree)


def anonymiser(*options):
    sortie = io.StringIO()
    call_command("anonymiser_donnees", *options, stdout=sortie)
    return sortie.getvalue()


def candidature_close(statut=StatutCandidature.SANS_SUITE, decidee_il_y_a_jours=3 * 365):
    cand = completer(CandidatureFactory(statut=statut))
    Candidature.objects.filter(pk=cand.pk).update(
        date_decision=il_y_a(days=decidee_il_y_a_jours),
        ref_collectivite_telephone="03 22 00 00 00",
    )
    Depot.objects.create(
        candidature=cand,
        numero=f"R-{cand.pk}",
        auteur=cand.cree_par,
        instantane=fiche.instantane(Candidature.objects.get(pk=cand.pk)),
    )
    cand.refresh_from_db()
    return cand


def atelier_cloture(il_y_a_ans):
    atelier = AtelierFactory(
        phase=Phase.CLOTURE,
        date_cloture=(MAINTENANT - datetime.timedelta(days=il_y_a_ans * 366)).date(),
    )
    completer(atelier.candidature)
    ProgrammeSurSite.objects.filter(atelier=atelier).update(invites="M. Jean Élu, maire adjoint")
    return atelier


def se_connecter(client, email):
    return client.post(reverse("login"), {"username": email, "password": MOT_DE_PASSE})


@pytest.fixture
def instructeur(client):
    client.force_login(UserFactory(instructeur=True))
    return client


# --- Anonymisation of files ----------------------------------------------------------------


def test_closed_file_past_retention_loses_its_contacts_but_not_a_recent_or_open_one(instructeur):
    ancienne = candidature_close()
    recente = candidature_close(decidee_il_y_a_jours=365)
    ouverte = completer(CandidatureFactory(statut=StatutCandidature.DEPOSEE))
    Candidature.objects.filter(pk=ouverte.pk).update(modifie_le=il_y_a(days=10 * 365))
    recepisse = Document.objects.create(
        genre="recapitulatif_candidature",
        content_type=ContentType.objects.get_for_model(Depot),
        object_id=ancienne.depots.get().pk,
        titre="Récépissé",
        nom_fichier="recepisse.pdf",
        donnees={"fiche": [["Référent", "Marie Maire"]]},
        empreinte="0" * 64,
    )

    sortie = anonymiser()

    assert "Candidatures non retenues : contacts anonymisés : 1" in sortie
    page = instructeur.get(reverse("candidatures:detail", args=[ancienne.pk])).content.decode()
    assert "Contact anonymisé" in page
    assert "Marie Maire" not in page and "maire@commune.example" not in page
    assert "03 22 00 00 00" not in page
    assert "Contacts du dossier anonymisés" in page
    # What the file is about stays.
    ancienne.refresh_from_db()
    assert (
        ancienne.statut == StatutCandidature.SANS_SUITE
        and ancienne.strategie == "Reconvertir la friche"
    )
    assert ancienne.communes.exists()
    # The deposit's snapshot (the reviewer's diff, the receipt) is anonymised too.
    instantane = json.dumps(Depot.objects.get(candidature=ancienne).instantane)
    assert "Marie Maire" not in instantane and "agent@ddt.example" not in instantane
    # Its receipt printed the contacts: it is gone (asked again, it is rendered anonymous).
    assert not Document.objects.filter(pk=recepisse.pk).exists()
    for cand in (recente, ouverte):
        page = instructeur.get(reverse("candidatures:detail", args=[cand.pk])).content.decode()
        assert "Marie Maire" in page and "maire@commune.example" in page


def test_closed_atelier_keeps_contacts_five_years_then_loses_them_and_its_invited_people():
    recent = atelier_cloture(il_y_a_ans=3)
    ancien = atelier_cloture(il_y_a_ans=6)

    sortie = anonymiser()

    assert "Ateliers clôturés : contacts anonymisés : 1" in sortie
    ancien.refresh_from_db()
    assert ancien.candidature.ref_collectivite_nom == "Contact anonymisé"
    assert ancien.candidature.ref_service_email == ""
    assert "Jean Élu" not in ancien.programme.invites
    assert ancien.phase == Phase.CLOTURE and ancien.montant_ht == recent.montant_ht
    assert Evenement.objects.pour(ancien).filter(action="anonymisation").exists()
    recent.refresh_from_db()
    assert recent.candidature.ref_collectivite_nom == "Marie Maire"
    assert recent.programme.invites == "M. Jean Élu, maire adjoint"


def test_dry_run_counts_what_would_change_and_changes_nothing():
    cand = candidature_close()
    compte = UserFactory()
    User.objects.filter(pk=compte.pk).update(last_login=il_y_a(days=4 * 365))

    sortie = anonymiser("--dry-run")

    assert "rien n'est modifié" in sortie
    assert "Candidatures non retenues : contacts anonymisés : 1" in sortie
    assert "Comptes inactifs : désactivés et anonymisés : 1" in sortie
    cand.refresh_from_db()
    assert cand.ref_collectivite_nom == "Marie Maire"
    compte.refresh_from_db()
    assert compte.is_active and compte.email.endswith("@exemple.gouv.fr")
    assert not Evenement.objects.filter(action="anonymisation").exists()


def test_second_run_changes_nothing():
    candidature_close()
    atelier_cloture(il_y_a_ans=6)
    User.objects.filter(pk=UserFactory().pk).update(last_login=il_y_a(days=4 * 365))
    premiere = anonymiser()
    evenements = Evenement.objects.count()

    seconde = anonymiser()

    assert "3 enregistrement(s) traité(s)" in premiere
    assert "0 enregistrement(s) traité(s)" in seconde
    assert Evenement.objects.count() == evenements


# --- Accounts --------------------------------------------------------------------------------


def test_inactive_account_is_anonymised_cannot_log_in_and_its_actions_show_anonymised(client):
    agent = UserFactory(first_name="Bérénice", last_name="Oubliée", telephone="06 00 00 00 00")
    ancien_email = agent.email
    assert se_connecter(client, ancien_email).status_code == 302
    client.logout()
    User.objects.filter(pk=agent.pk).update(
        last_login=il_y_a(days=4 * 365), date_joined=il_y_a(days=5 * 365)
    )
    cand = CandidatureFactory(service=agent.organisation, cree_par=agent)
    enregistrer(cand, agent, "depot", "Dossier déposé", "brouillon", "deposee")
    Notification.objects.create(destinataire=agent, titre="Nouveau message")
    actif = UserFactory(last_name="Présente")
    User.objects.filter(pk=actif.pk).update(last_login=il_y_a(days=30))
    desactive_recemment = UserFactory(is_active=False, last_name="Partie")
    User.objects.filter(pk=desactive_recemment.pk).update(last_login=il_y_a(days=365))

    sortie = anonymiser()

    assert "Comptes inactifs : désactivés et anonymisés : 1" in sortie
    agent.refresh_from_db()
    assert not agent.is_active and str(agent) == "Compte anonymisé"
    assert agent.email == f"anonymise-{agent.pk}@anonyme.invalid" and agent.telephone == ""
    assert not Notification.objects.filter(destinataire=agent).exists()
    for email in (ancien_email, agent.email):
        reponse = se_connecter(client, email)
        assert reponse.status_code == 200 and "_auth_user_id" not in client.session
    # Its past actions are still in the file's timeline, without its name.
    client.force_login(UserFactory(instructeur=True))
    page = client.get(reverse("candidatures:detail", args=[cand.pk])).content.decode()
    assert "Dossier déposé" in page and "Compte anonymisé" in page
    assert "Oubliée" not in page
    assert User.objects.get(pk=actif.pk).last_name == "Présente"
    assert User.objects.get(pk=desactive_recemment.pk).last_name == "Partie"


def test_account_reactivated_recently_is_kept_even_without_login():
    admin = UserFactory(administrateur=True)
    compte = UserFactory(last_name="Revenue")
    User.objects.filter(pk=compte.pk).update(
        last_login=il_y_a(days=4 * 365), date_joined=il_y_a(days=5 * 365)
    )
    enregistrer(compte, admin, "reactivation", "Compte réactivé", "désactivé", "actif")

    assert "Comptes inactifs : désactivés et anonymisés : 0" in anonymiser()
    assert User.objects.get(pk=compte.pk).last_name == "Revenue"


# --- Records deleted after their time ----------------------------------------------------------


def test_old_exports_read_notifications_and_expired_invitations_are_deleted(
    django_capture_on_commit_callbacks,
):
    personne = UserFactory()
    vieux = Export.objects.create(
        demandeur=personne, liste="candidatures", titre="Candidatures", format="csv"
    )
    vieux.fichier.save("vieux.csv", ContentFile(b"a;b\n"))
    fichier = vieux.fichier.name
    Export.objects.filter(pk=vieux.pk).update(demande_le=il_y_a(days=31))
    recent = Export.objects.create(
        demandeur=personne, liste="candidatures", titre="Récent", format="csv"
    )
    lue = Notification.objects.create(destinataire=personne, titre="Lue", lue_le=il_y_a(days=400))
    non_lue = Notification.objects.create(destinataire=personne, titre="Non lue")
    Notification.objects.filter(pk=non_lue.pk).update(creee_le=il_y_a(days=800))
    expiree = Invitation.objects.create(
        email="invitee@exemple.fr",
        prenom="Inès",
        nom="Invitée",
        role="agent",
        organisation=personne.organisation,
        invite_par=personne,
        empreinte_jeton="a" * 64,
        envoyee_le=il_y_a(days=200),
        expire_le=il_y_a(days=193),
    )

    with django_capture_on_commit_callbacks(execute=True):
        sortie = anonymiser()

    assert "Exports : fichiers supprimés : 1" in sortie
    assert list(Export.objects.all()) == [recent]
    assert not default_storage.exists(fichier)
    assert list(Notification.objects.all()) == [non_lue]
    assert not Invitation.objects.filter(pk=expiree.pk).exists()
    assert lue.pk not in Notification.objects.values_list("pk", flat=True)


# --- Export of one person's data ---------------------------------------------------------------


def personne_et_voisin():
    personne = UserFactory(first_name="Paul", last_name="Agent", email="agent@ddt.example")
    voisin = UserFactory(
        organisation=personne.organisation, last_name="Voisin", email="voisin@ddt.example"
    )
    cand = completer(CandidatureFactory(service=personne.organisation, cree_par=voisin))
    Message.objects.create(candidature=cand, auteur=personne, texte="Voici la lettre du maire.")
    Message.objects.create(candidature=cand, auteur=voisin, texte="Message secret du voisin.")
    enregistrer(cand, personne, "depot", "Dossier déposé", "brouillon", "deposee")
    enregistrer(cand, voisin, "retrait", "Action du voisin")
    Notification.objects.create(destinataire=personne, titre="Pour Paul")
    Notification.objects.create(destinataire=voisin, titre="Pour le voisin")
    return personne, voisin, cand


def test_export_holds_the_persons_data_and_nothing_about_another_person():
    _, _, cand = personne_et_voisin()
    sortie = io.StringIO()

    call_command("exporter_donnees_personne", "Agent@DDT.example", stdout=sortie)

    texte = sortie.getvalue()
    donnees = json.loads(texte)
    assert donnees["compte"]["nom"] == "Agent" and donnees["compte"]["role"]
    assert [c["reference"] for c in donnees["candidatures_ou_la_personne_est_contact"]] == [
        cand.reference
    ]
    assert donnees["candidatures_ou_la_personne_est_contact"][0]["qualite"] == (
        "Référent du service déconcentré"
    )
    assert [m["texte"] for m in donnees["messages"]] == ["Voici la lettre du maire."]
    assert [e["libelle"] for e in donnees["actions_au_journal"]] == ["Dossier déposé"]
    assert [n["titre"] for n in donnees["notifications"]] == ["Pour Paul"]
    # Neither the neighbour nor the other référent of the same file.
    for autrui in ("voisin", "Voisin", "Marie Maire", "maire@commune.example", "secret"):
        assert autrui not in texte


def test_export_finds_a_contact_without_account_and_refuses_an_unknown_address():
    _, _, cand = personne_et_voisin()
    sortie = io.StringIO()

    call_command("exporter_donnees_personne", "maire@commune.example", stdout=sortie)

    donnees = json.loads(sortie.getvalue())
    assert donnees["compte"] is None
    (contact,) = donnees["candidatures_ou_la_personne_est_contact"]
    assert contact["nom"] == "Marie Maire" and contact["reference"] == cand.reference
    assert "Paul Agent" not in sortie.getvalue()
    with pytest.raises(CommandError, match="aucune donnée"):
        call_command("exporter_donnees_personne", "inconnu@exemple.fr", stdout=io.StringIO())


def _exporter_par_l_admin(client, personne):
    return client.post(
        reverse("admin:comptes_user_changelist"),
        {"action": "exporter_donnees_personnelles", "_selected_action": [personne.pk]},
    )


def test_administrator_downloads_the_export_from_the_admin_and_it_is_journaled(client):
    personne, _, _ = personne_et_voisin()
    client.force_login(UserFactory(administrateur=True))

    reponse = _exporter_par_l_admin(client, personne)

    assert reponse.status_code == 200
    assert reponse["Content-Disposition"].startswith("attachment;")
    assert json.loads(reponse.content)["compte"]["adresse_email"] == "agent@ddt.example"
    assert Evenement.objects.pour(personne).filter(action="export_donnees_personnelles").exists()


def test_export_action_is_refused_to_non_administrators(client):
    personne, _, _ = personne_et_voisin()
    # An instructeur does not reach the admin at all…
    client.force_login(UserFactory(instructeur=True))
    reponse = _exporter_par_l_admin(client, personne)
    assert reponse.status_code == 302 and "agent@ddt.example" not in reponse.content.decode()
    # …and a staff account that is not an administrateur DGALN is not offered the action.
    intrus = UserFactory(instructeur=True)
    User.objects.filter(pk=intrus.pk).update(is_staff=True, is_superuser=False)
    client.force_login(intrus)
    liste = client.get(reverse("admin:comptes_user_changelist"))
    assert "Exporter les données personnelles" not in liste.content.decode()
    reponse = _exporter_par_l_admin(client, personne)
    assert "Content-Disposition" not in reponse
    assert not reponse.get("Content-Type", "").startswith("application/json")
    assert not Evenement.objects.filter(action="export_donnees_personnelles").exists()

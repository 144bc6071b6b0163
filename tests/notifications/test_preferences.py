"""Notification preferences: every kind of event honours the person's choice (e-mail at once,
daily digest, portal only), the digest says what is new and skips who has nothing new, and a
broker outage delays e-mails without losing them."""

import ast
import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from candidatures import transitions
from candidatures.models import StatutCandidature
from notifications import services
from notifications.models import Notification, Preference
from notifications.sujets import MODE_PAR_DEFAUT, Mode, Sujet
from tests.factories import CandidatureFactory, UserFactory
from tests.outils import texte_lu
from workflow.registre import WORKFLOWS

pytestmark = pytest.mark.django_db


@pytest.fixture
def instructeur(db):
    return UserFactory(instructeur=True, email="instructeur@dgaln.example")


@pytest.fixture
def personne(db):
    return UserFactory(email="marie@ddt.example", first_name="Marie", last_name="Curie")


def choisir(personne, evenement, mode):
    Preference.objects.create(personne=personne, evenement=evenement, mode=mode)


def notifier(personne, evenement, capture, titre="Il s'est passé quelque chose"):
    with capture(execute=True):
        return services.notifier([personne], titre, "Détail", "/dossier/1/", evenement=evenement)


@pytest.mark.parametrize("evenement", list(Sujet))
def test_every_kind_honours_each_of_the_three_choices(
    evenement, personne, django_capture_on_commit_callbacks
):
    for mode in Mode:
        Preference.objects.update_or_create(
            personne=personne, evenement=evenement, defaults={"mode": mode}
        )
        mail.outbox.clear()
        titre = f"{evenement.label} ({mode.value})"
        notifier(personne, evenement, django_capture_on_commit_callbacks, titre)
        # Always in the portal.
        assert personne.notifications.filter(titre=titre).exists()
        envoyes_tout_de_suite = [m.subject for m in mail.outbox]
        assert envoyes_tout_de_suite == (
            [f"[Ateliers Flash] {titre}"] if mode == Mode.IMMEDIAT else []
        )
        mail.outbox.clear()
        services.envoyer_resumes()
        resume = "\n".join(m.body for m in mail.outbox)
        assert (titre in resume) == (mode == Mode.QUOTIDIEN)


def test_without_a_choice_e_mails_leave_at_once_except_for_ready_documents(
    personne, django_capture_on_commit_callbacks
):
    assert MODE_PAR_DEFAUT[Sujet.DOCUMENT_PRET] == Mode.PORTAIL
    notifier(personne, Sujet.COMPLEMENT, django_capture_on_commit_callbacks)
    notifier(personne, Sujet.DOCUMENT_PRET, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert personne.notifications.count() == 2


def test_the_digest_groups_what_is_new_and_skips_people_with_nothing_new(
    personne, django_capture_on_commit_callbacks
):
    calme = UserFactory(email="calme@ddt.example")
    choisir(calme, Sujet.MESSAGE, Mode.QUOTIDIEN)
    for evenement in (Sujet.MESSAGE, Sujet.COMPLEMENT):
        choisir(personne, evenement, Mode.QUOTIDIEN)
    notifier(personne, Sujet.MESSAGE, django_capture_on_commit_callbacks, "Message de la DDT")
    notifier(personne, Sujet.COMPLEMENT, django_capture_on_commit_callbacks, "Complément A")
    notifier(personne, Sujet.MESSAGE, django_capture_on_commit_callbacks, "Autre message")
    assert mail.outbox == []

    sortie = io.StringIO()
    call_command("envoyer_resumes", stdout=sortie)
    assert "1 récapitulatif(s) envoyé(s)" in sortie.getvalue()

    assert len(mail.outbox) == 1  # nothing for the person with nothing new
    resume = mail.outbox[0]
    assert resume.to == ["marie@ddt.example"]
    assert resume.subject == "[Ateliers Flash] Récapitulatif : 3 notifications"
    assert resume.body.startswith("Bonjour Marie Curie,")
    complement = resume.body.index("COMPLÉMENT DEMANDÉ")
    message = resume.body.index("NOUVEAU MESSAGE")
    assert complement < resume.body.index("Complément A") < message
    assert message < resume.body.index("Message de la DDT") < resume.body.index("Autre message")
    assert f"{settings.SITE_URL}/dossier/1/" in resume.body
    assert f"{settings.SITE_URL}{reverse('notifications:preferences')}" in resume.body

    mail.outbox.clear()
    services.envoyer_resumes()
    assert mail.outbox == []  # the next day, nothing new: no e-mail


def test_a_deactivated_person_gets_no_digest(personne, django_capture_on_commit_callbacks):
    choisir(personne, Sujet.MESSAGE, Mode.QUOTIDIEN)
    notifier(personne, Sujet.MESSAGE, django_capture_on_commit_callbacks)
    personne.is_active = False
    personne.save()
    assert services.envoyer_resumes() == 0
    assert mail.outbox == []


def test_the_digest_is_scheduled_daily_and_the_sweep_often():
    taches = {e["task"]: e["schedule"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    resume = taches["notifications.tasks.envoyer_resumes"]
    assert resume.hour == {settings.NOTIFICATIONS_HEURE_RESUME} and resume.minute == {0}
    assert taches["notifications.tasks.relancer_emails"] == settings.NOTIFICATIONS_DELAI_BALAYAGE


def test_broker_down_the_action_succeeds_and_the_sweep_sends_the_e_mail_later(
    client, personne, instructeur, monkeypatch, django_capture_on_commit_callbacks
):
    from notifications import tasks

    cand = CandidatureFactory(
        service=personne.organisation,
        statut=StatutCandidature.EN_INSTRUCTION,
        instructeur=instructeur,
    )

    def broker_coupe(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.envoyer_notification, "delay", broker_coupe)
    client.force_login(instructeur)
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(
            reverse("candidatures:ecrire", args=[cand.pk]), {"texte": "Pouvez-vous préciser ?"}
        )
    assert reponse.status_code == 302
    notification = personne.notifications.get()
    assert not Notification.objects.filter(email_envoye_le__isnull=False).exists()
    assert mail.outbox == []

    monkeypatch.undo()
    assert services.relancer_emails() == 0  # too recent: maybe still in a queue
    Notification.objects.update(creee_le=timezone.now() - datetime.timedelta(minutes=10))
    agents = sorted(n.destinataire.email for n in Notification.objects.all())
    assert personne.email in agents
    assert services.relancer_emails() == len(agents)
    assert sorted(m.to[0] for m in mail.outbox) == agents
    notification.refresh_from_db()
    assert notification.email_envoye_le is not None
    assert services.relancer_emails() == 0  # sent once only
    assert services.envoyer(notification.pk) is False
    assert len(mail.outbox) == len(agents)


def test_a_real_transition_uses_the_choice_of_each_recipient(
    personne, instructeur, django_capture_on_commit_callbacks
):
    collegue = UserFactory(organisation=personne.organisation, email="collegue@ddt.example")
    choisir(personne, Sujet.COMPLEMENT, Mode.PORTAIL)
    cand = CandidatureFactory(
        service=personne.organisation,
        cree_par=personne,
        statut=StatutCandidature.EN_INSTRUCTION,
        instructeur=instructeur,
    )
    with django_capture_on_commit_callbacks(execute=True):
        transitions.demander_complement(
            instructeur, cand, message="Il manque le plan", rubriques=["territoire"]
        )
    assert [m.to for m in mail.outbox] == [["collegue@ddt.example"]]
    assert personne.notifications.get().evenement == Sujet.COMPLEMENT
    assert collegue.notifications.get().titre.startswith("Complément demandé")


def test_the_preferences_page_offers_the_kinds_of_the_role_and_saves_the_choice(
    client, personne, django_capture_on_commit_callbacks
):
    client.force_login(personne)
    page = texte_lu(client.get(reverse("notifications:preferences")))
    assert "Complément demandé" in page and "Livrable déposé, à valider" in page
    assert "Nouveau dépôt de dossier" not in page  # a DGALN kind
    assert "Livrable renvoyé pour reprise" not in page  # a prestataire kind
    choix = {e.value: Mode.IMMEDIAT for e in Sujet if f"{e.label}" in page}
    choix[Sujet.MESSAGE] = Mode.QUOTIDIEN
    choix[Sujet.COMPLEMENT] = Mode.PORTAIL
    reponse = client.post(reverse("notifications:preferences"), choix, follow=True)
    assert "Vos préférences de notification sont enregistrées." in texte_lu(reponse)
    assert dict(personne.preferences.values_list("evenement", "mode")) == choix
    notifier(personne, Sujet.MESSAGE, django_capture_on_commit_callbacks)
    notifier(personne, Sujet.COMPLEMENT, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    services.envoyer_resumes()
    assert len(mail.outbox) == 1 and "Il s'est passé quelque chose" in mail.outbox[0].body


def test_a_collectivite_member_chooses_among_the_kinds_it_receives_and_gets_its_choice(
    client, django_capture_on_commit_callbacks
):
    elue = UserFactory(collectivite=True, email="elue@mairie.example")
    client.force_login(elue)
    page = texte_lu(client.get(reverse("notifications:preferences")))
    for sien in ("Nouveau message", "Bilan de l'atelier à remplir", "Livrable validé"):
        assert sien in page
    for autre in ("Bon de commande notifié", "Facture enregistrée", "Nouvelle intention"):
        assert autre not in page
    choix = {e.value: Mode.IMMEDIAT for e in Sujet if e.label in page}
    choix[Sujet.MESSAGE] = Mode.PORTAIL
    client.post(reverse("notifications:preferences"), choix)
    notifier(elue, Sujet.MESSAGE, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    notifier(elue, Sujet.BILAN, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["elue@mairie.example"]]


def test_an_unknown_choice_is_refused_in_french(client, personne):
    client.force_login(personne)
    reponse = client.post(reverse("notifications:preferences"), {"message": "pigeon"})
    assert reponse.status_code == 200
    assert "Sélectionnez un choix valide" in texte_lu(reponse)
    assert not personne.preferences.exists()


def test_the_preferences_page_needs_a_login(client):
    reponse = client.get(reverse("notifications:preferences"))
    assert reponse.status_code == 302 and reponse.url.startswith(reverse("login"))


# --- Every notification of the code names its kind ------------------------------------------

FONCTIONS = {"notifier", "prevenir", "_prevenir_titulaire"}
RACINE = Path(settings.BASE_DIR)
APPS = [
    "candidatures",
    "ateliers",
    "marches",
    "commandes",
    "livrables",
    "bilans",
    "documents",
    "exports",
    "comptes",
]


def appels():
    for app in APPS:
        for fichier in (RACINE / app).rglob("*.py"):
            arbre = ast.parse(fichier.read_text())
            for noeud in ast.walk(arbre):
                if isinstance(noeud, ast.Call) and getattr(noeud.func, "id", None) in FONCTIONS:
                    yield fichier.relative_to(RACINE), noeud


def evenement_de(appel):
    for mot in appel.keywords:
        if mot.arg == "evenement":
            return mot.value
    return None


def test_every_call_names_a_declared_kind_and_every_kind_is_used():
    utilises = set()
    for fichier, appel in appels():
        valeur = evenement_de(appel)
        assert valeur is not None, f"{fichier}:{appel.lineno} notifie sans type d'événement"
        if isinstance(valeur, ast.Attribute) and getattr(valeur.value, "id", "") == "Sujet":
            utilises.add(Sujet[valeur.attr])
    # A transition's notifications are sent with the kind its workflow's table names.
    utilises |= {t.sujet for workflow in WORKFLOWS for t in workflow if t.sujet}
    assert utilises == set(Sujet)

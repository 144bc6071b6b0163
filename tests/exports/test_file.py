"""Large exports go through the Celery queue: the person is told the file is being prepared,
the worker writes it with the person's visibility at that moment, the person is notified when
it is ready, and only they can download it. A broker outage loses nothing."""

import io
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings as reglages
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from exports import services
from exports.models import Export, StatutExport
from notifications.sujets import Sujet
from tests.exports.conftest import colonne, exporter, lignes_csv, lignes_xlsx
from tests.factories import UserFactory
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def seuil_bas(settings):
    """Two rows at most are sent at once: the agent's three candidatures go to the queue."""
    settings.EXPORT_SEUIL_SYNCHRONE = 2


def demander(client, capture, code="candidatures", format="xlsx", **filtres):
    with capture(execute=True):
        return exporter(client, code, format, **filtres)


def test_a_small_export_is_still_sent_at_once(client, agent, monde):
    client.force_login(agent)
    reponse = exporter(client, "bons-de-commande", "csv")  # two bons
    assert reponse["Content-Disposition"].startswith("attachment")
    assert not Export.objects.exists()


def test_a_large_export_is_prepared_and_the_person_notified(
    client, agent, monde, django_capture_on_commit_callbacks
):
    client.force_login(agent)
    with django_capture_on_commit_callbacks(execute=False) as rappels:
        reponse = exporter(client, "candidatures", "xlsx", page="3")
    # Nothing is written in the request: the person is told and sent to their exports.
    assert reponse.status_code == 302 and reponse.url == reverse("exports:mes_exports")
    export = Export.objects.get()
    assert (export.demandeur, export.statut, export.lignes) == (agent, StatutExport.EN_ATTENTE, 3)
    assert not export.fichier
    assert export.parametres == ""  # the page number does not select rows
    page = texte_lu(client.get(reponse.url))
    assert (
        "Votre export de 3 lignes est en préparation : vous serez prévenu quand il sera prêt."
        in page
    )
    assert "En attente" in page and "Télécharger" not in page

    for rappel in rappels:  # the transaction commits: the worker writes the file
        rappel()
    export.refresh_from_db()
    assert (export.statut, export.lignes) == (StatutExport.PRET, 3)
    assert export.nom_fichier == f"candidatures-{timezone.localdate():%Y-%m-%d}.xlsx"

    notification = agent.notifications.get()
    assert notification.evenement == Sujet.EXPORT_PRET
    assert notification.titre == "Export prêt : Candidatures"
    assert "3 lignes" in notification.texte
    assert mail.outbox == []  # the portal only, unless the person chose e-mails
    # The notification leads to the list of exports, where the file is ready.
    lien = urlsplit(notification.lien)
    assert lien.fragment == f"export-{export.pk}"
    page = client.get(lien.path).content.decode()
    telechargement = reverse("exports:telecharger", args=[export.pk])
    assert f'href="{telechargement}"' in page

    lignes = lignes_xlsx(client.get(telechargement))
    assert sorted(colonne(lignes, "Titre")) == [
        "Centre de Péronne",
        "Cœur de bourg",
        "Friche de la gare",
    ]


def test_the_queued_export_applies_the_filters_of_the_screen(
    client, agent, monde, django_capture_on_commit_callbacks
):
    client.force_login(agent)
    demander(client, django_capture_on_commit_callbacks, format="csv", tri="-titre", annee="")
    export = Export.objects.get()
    lignes = lignes_csv(client.get(reverse("exports:telecharger", args=[export.pk])))
    assert colonne(lignes, "Titre") == ["Friche de la gare", "Cœur de bourg", "Centre de Péronne"]
    assert export.filtres == "Trier par : Titre (décroissant)"
    # "Mes exports" leads back to the screen the export was asked from.
    page = client.get(reverse("exports:mes_exports")).content.decode()
    assert f'href="{reverse("candidatures:liste")}?tri=-titre&amp;annee="' in page


@pytest.mark.parametrize("qui", ["collegue", "autre_agent", "instructeur", "titulaire_user"])
def test_only_the_person_who_asked_can_download_it(
    client, agent, monde, request, qui, django_capture_on_commit_callbacks
):
    client.force_login(agent)
    demander(client, django_capture_on_commit_callbacks)
    export = Export.objects.get(statut=StatutExport.PRET)
    url = reverse("exports:telecharger", args=[export.pk])
    # Even a colleague of the same service, who sees the same rows, asks for their own.
    autre = (
        UserFactory(organisation=agent.organisation)
        if qui == "collegue"
        else request.getfixturevalue(qui)
    )
    client.force_login(autre)
    assert client.get(url).status_code == 404
    assert f"export-{export.pk}" not in client.get(reverse("exports:mes_exports")).content.decode()
    client.logout()
    assert client.get(url).url.startswith(reverse("login"))


def test_asking_twice_while_it_waits_gives_the_same_export(
    client, agent, monde, django_capture_on_commit_callbacks
):
    client.force_login(agent)
    with django_capture_on_commit_callbacks(execute=False):
        exporter(client, "candidatures", "csv")
        exporter(client, "candidatures", "csv")
        exporter(client, "candidatures", "xlsx")
    assert Export.objects.count() == 2  # one per format


def test_broker_down_the_request_succeeds_and_the_sweep_prepares_it_later(
    client, agent, monde, monkeypatch, django_capture_on_commit_callbacks
):
    from exports import tasks

    def broker_coupe(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    client.force_login(agent)
    with monkeypatch.context() as mp:
        mp.setattr(tasks.produire_export, "delay", broker_coupe)
        reponse = demander(client, django_capture_on_commit_callbacks)
    assert reponse.status_code == 302  # no error page
    export = Export.objects.get()
    assert export.statut == StatutExport.EN_ATTENTE

    assert services.balayer() == 0  # just queued: maybe still on its way
    Export.objects.update(mis_en_file_le=timezone.now() - timedelta(minutes=10))
    sortie = io.StringIO()
    call_command("relancer_exports", stdout=sortie)
    assert sortie.getvalue().strip() == "1 export(s) remis en file."
    export.refresh_from_db()
    assert export.statut == StatutExport.PRET
    assert agent.notifications.filter(evenement=Sujet.EXPORT_PRET).count() == 1
    assert services.balayer() == 0


def test_the_worker_uses_the_visibility_of_the_person_when_it_writes(
    client, agent, autre_agent, monde, monkeypatch, django_capture_on_commit_callbacks
):
    from exports import tasks

    client.force_login(agent)
    with monkeypatch.context() as mp:
        mp.setattr(tasks.produire_export, "delay", lambda pk: None)  # the worker is late
        demander(client, django_capture_on_commit_callbacks, format="csv")
    # Meanwhile the agent moves to another service: the old service's files are not theirs.
    agent.organisation = autre_agent.organisation
    agent.save()
    services.produire(Export.objects.get().pk)
    export = Export.objects.get()
    lignes = lignes_csv(client.get(reverse("exports:telecharger", args=[export.pk])))
    assert colonne(lignes, "Titre") == ["Bourg de Vitré"]
    assert export.lignes == 1


def test_a_worker_that_died_is_replaced_by_the_sweep(agent, monde, monkeypatch):
    monkeypatch.setattr(services, "mettre_en_file", lambda pk: None)
    liste = services.liste_de("candidatures")
    export, cree = services.demander(agent, liste, "csv", "")
    assert cree
    Export.objects.filter(pk=export.pk).update(
        statut=StatutExport.EN_COURS, commence_le=timezone.now() - timedelta(minutes=5)
    )
    monkeypatch.undo()
    assert services.balayer() == 0  # still within the time an export may take
    Export.objects.filter(pk=export.pk).update(
        commence_le=timezone.now() - services.DUREE_MAX_PRODUCTION - timedelta(seconds=1)
    )
    assert services.balayer() == 1
    export.refresh_from_db()
    assert export.statut == StatutExport.PRET


def test_a_failure_shows_on_the_page_of_exports(client, agent, monde, monkeypatch):
    monkeypatch.setattr(services, "mettre_en_file", lambda pk: None)
    export, _ = services.demander(agent, services.liste_de("candidatures"), "xlsx", "")

    def panne(*args, **kwargs):
        raise OSError("disque plein (simulé)")

    monkeypatch.setattr(services, "ecrire", panne)
    assert services.produire(export.pk) == StatutExport.ECHEC
    export.refresh_from_db()
    assert export.statut == StatutExport.ECHEC and "disque plein" in export.erreur
    client.force_login(agent)
    page = texte_lu(client.get(reverse("exports:mes_exports")))
    assert "Échec" in page and "La préparation a échoué" in page
    assert client.get(reverse("exports:telecharger", args=[export.pk])).status_code == 404


def test_the_sweep_is_scheduled_in_beat():
    taches = {e["task"]: e["schedule"] for e in reglages.CELERY_BEAT_SCHEDULE.values()}
    assert taches["exports.tasks.balayer_exports"] == reglages.EXPORT_DELAI_BALAYAGE

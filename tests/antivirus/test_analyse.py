"""Every upload is scanned by the real clamd before anybody may open it.

The files go through the real forms; Celery runs in-process once the upload commits, as in
the demo (the CI also runs the worker tests through Redis).
"""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from antivirus.models import EtatAnalyse
from antivirus.tasks import balayer_analyses
from candidatures.models import Candidature, Piece, StatutCandidature
from journal.models import Evenement
from livrables import services as services_livrables
from livrables import transitions as transitions_livrables
from livrables.models import StatutLivrable, Type
from livrables.workflow import LIVRABLE
from livrables.workflow import Action as ActionLivrable
from tests.factories import CandidatureFactory, PieceFactory, UserFactory, completer
from tests.fichiers import pdf, png
from tests.outils import texte_lu

from .eicar import EICAR, SIGNATURE, pdf_infecte, zip_infecte

pytestmark = [pytest.mark.clamav, pytest.mark.django_db]


@pytest.fixture
def agent(db, client):
    agent = UserFactory(email="agent@ddt.example")
    client.force_login(agent)
    return agent


@pytest.fixture
def brouillon(agent):
    """A complete file but for its two signed letters."""
    cand = completer(
        CandidatureFactory(
            service=agent.organisation, cree_par=agent, statut=StatutCandidature.BROUILLON
        )
    )
    cand.pieces.all().delete()
    return cand


def ajouter_piece(client, capture, cand, fichier, type_piece=Piece.Type.LETTRE_PREFET):
    """Upload through the form, let the scan run once it commits, return the pièces page."""
    url = reverse("candidatures:rubrique", args=[cand.pk, "pieces"])
    with capture(execute=True):
        assert client.post(url, {"type": type_piece, "fichier": fichier}).status_code == 302
    return client.get(url)


def url_piece(piece):
    return reverse("candidatures:piece", args=[piece.candidature_id, piece.pk])


def test_a_letter_carrying_a_virus_is_refused_deleted_and_journaled(
    client, antivirus, brouillon, django_capture_on_commit_callbacks
):
    page = texte_lu(
        ajouter_piece(client, django_capture_on_commit_callbacks, brouillon, pdf_infecte())
    )

    piece = brouillon.pieces.get()
    assert piece.analyse == EtatAnalyse.INFECTE
    assert "Refusé : virus détecté" in page
    assert f"Fichier refusé : virus détecté ({SIGNATURE})" in page
    assert "déposez un autre fichier" in page
    assert client.get(url_piece(piece)).status_code == 404
    assert not default_storage.exists(piece.fichier.name)
    evenement = Evenement.objects.pour(brouillon).get(action="virus_detecte")
    assert SIGNATURE in evenement.libelle and "courrier.pdf" in evenement.libelle
    assert evenement.acteur == piece.ajoutee_par
    # The refused letter does not count: the deposit page says what to do.
    depot = texte_lu(client.get(reverse("candidatures:deposer", args=[brouillon.pk])))
    assert "refusé : virus détecté ; déposez-en un autre" in depot


def test_a_clean_letter_is_scanned_then_downloaded(
    client, antivirus, brouillon, django_capture_on_commit_callbacks
):
    page = texte_lu(ajouter_piece(client, django_capture_on_commit_callbacks, brouillon, pdf()))

    piece = brouillon.pieces.get()
    assert piece.analyse == EtatAnalyse.SAIN
    assert "En analyse" not in page and "virus" not in page
    reponse = client.get(url_piece(piece))
    assert reponse.status_code == 200
    assert b"".join(reponse.streaming_content).startswith(b"%PDF")


def test_with_clamd_down_the_letter_waits_unoffered_until_the_sweep_scans_it(
    client, antivirus, brouillon, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.CLAMD_SOCKET = str(tmp_path / "arrete.sock")  # nothing listens there
    page = texte_lu(
        ajouter_piece(
            client,
            django_capture_on_commit_callbacks,
            brouillon,
            pdf(),
            Piece.Type.LETTRE_COLLECTIVITE,
        )
    )

    piece = brouillon.pieces.get()
    assert piece.analyse == EtatAnalyse.EN_ANALYSE
    assert "En analyse" in page
    assert client.get(url_piece(piece)).status_code == 404
    depot = texte_lu(client.get(reverse("candidatures:deposer", args=[brouillon.pk])))
    assert "en cours d'analyse antivirus" in depot

    # clamd is back: a scan queued a moment ago is left alone, an older one is queued again.
    settings.CLAMD_SOCKET = antivirus
    assert balayer_analyses.delay() is not None
    piece.refresh_from_db()
    assert piece.analyse == EtatAnalyse.EN_ANALYSE
    Piece.objects.filter(pk=piece.pk).update(
        analyse_en_file_le=timezone.now() - datetime.timedelta(seconds=301)
    )
    with django_capture_on_commit_callbacks(execute=True):
        balayer_analyses.delay()

    piece.refresh_from_db()
    assert piece.analyse == EtatAnalyse.SAIN
    reponse = client.get(url_piece(piece))
    assert reponse.status_code == 200
    reponse.close()


def test_the_sweep_command_for_cron_scans_what_waits(
    antivirus, brouillon, capsys, django_capture_on_commit_callbacks
):
    # Uploaded, but its scan never reached the queue (the broker was down).
    piece = PieceFactory(candidature=brouillon)
    assert piece.analyse == EtatAnalyse.EN_ANALYSE and piece.analyse_en_file_le is None

    with django_capture_on_commit_callbacks(execute=True):
        call_command("relancer_analyses")

    assert "1 fichier(s) remis en file d'analyse." in capsys.readouterr().out
    piece.refresh_from_db()
    assert piece.analyse == EtatAnalyse.SAIN


def test_a_message_attachment_with_a_virus_is_never_offered(
    client, antivirus, brouillon, django_capture_on_commit_callbacks
):
    Candidature.objects.filter(pk=brouillon.pk).update(statut=StatutCandidature.DEPOSEE)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("candidatures:ecrire", args=[brouillon.pk]),
            {"texte": "Voici le courrier.", "fichier": pdf_infecte("scan.pdf")},
        )

    message = brouillon.messages.get()
    assert message.analyse == EtatAnalyse.INFECTE
    url = reverse("candidatures:piece_jointe", args=[brouillon.pk, message.pk])
    assert client.get(url).status_code == 404
    page = texte_lu(client.get(reverse("candidatures:detail", args=[brouillon.pk])))
    assert "Voici le courrier." in page
    assert f"Fichier refusé : virus détecté ({SIGNATURE})" in page


# --- Livrables ----------------------------------------------------------------------------


@pytest.fixture
def pilote(atelier):
    """An agent of the atelier's pilot service, who reviews the livrables."""
    return UserFactory(organisation=atelier.service_pilote, email="pilote@ddt.example")


@pytest.fixture
def livrable(pilote, atelier, titulaire_user):
    return transitions_livrables.ajouter(
        pilote, atelier, Type.PLAN_GUIDE, timezone.localdate() + datetime.timedelta(days=30)
    )


def deposer_version(client, capture, livrable, fichier):
    url = reverse("livrables:detail", args=[livrable.pk])
    with capture(execute=True):
        assert client.post(url, {"fichier": fichier, "note": ""}).status_code == 302
    return client.get(url)


def test_an_infected_livrable_cannot_be_opened_nor_validated_until_a_clean_one_comes(
    client, antivirus, livrable, titulaire_user, pilote, django_capture_on_commit_callbacks
):
    client.force_login(titulaire_user)
    page = texte_lu(
        deposer_version(client, django_capture_on_commit_callbacks, livrable, zip_infecte())
    )

    version = livrable.versions.get()
    assert version.analyse == EtatAnalyse.INFECTE
    assert "Refusé : virus détecté" in page
    url = reverse("livrables:version", args=[livrable.pk, version.pk])
    assert client.get(url).status_code == 404
    assert Evenement.objects.pour(livrable).filter(action="virus_detecte").exists()
    livrable.refresh_from_db()
    decision = LIVRABLE.decision(pilote, livrable, ActionLivrable.VALIDATION)
    assert not decision and "virus détecté" in decision.raison

    deposer_version(client, django_capture_on_commit_callbacks, livrable, pdf("plan-guide.pdf"))
    client.force_login(pilote)
    reponse = client.post(
        reverse("livrables:action", args=[livrable.pk, "valider"]), {"commentaire": ""}
    )
    assert reponse.status_code == 302
    livrable.refresh_from_db()
    assert livrable.statut == StatutLivrable.VALIDE
    nouvelle = livrable.versions.get(numero=2)
    reponse = client.get(reverse("livrables:version", args=[livrable.pk, nouvelle.pk]))
    assert reponse.status_code == 200
    reponse.close()


def test_a_version_waiting_for_the_scan_cannot_be_validated(
    client,
    antivirus,
    livrable,
    titulaire_user,
    pilote,
    settings,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    settings.CLAMD_SOCKET = str(tmp_path / "arrete.sock")
    client.force_login(titulaire_user)
    deposer_version(client, django_capture_on_commit_callbacks, livrable, pdf("plan-guide.pdf"))

    client.force_login(pilote)
    page = texte_lu(
        client.post(
            reverse("livrables:action", args=[livrable.pk, "valider"]),
            {"commentaire": ""},
            follow=True,
        )
    )
    assert "en cours d'analyse antivirus" in page
    livrable.refresh_from_db()
    assert livrable.statut == StatutLivrable.DEPOSE


def test_an_infected_image_is_not_shown_and_frees_its_place(
    client, antivirus, atelier, titulaire_user, django_capture_on_commit_callbacks
):
    image = SimpleUploadedFile("site.png", png().read() + EICAR, content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        infectee = services_livrables.ajouter_image(titulaire_user, atelier, image, "Le site")

    infectee.refresh_from_db()
    assert infectee.analyse == EtatAnalyse.INFECTE
    client.force_login(titulaire_user)
    page = client.get(reverse("livrables:fiche", args=[atelier.pk])).content.decode()
    assert f'src="{reverse("livrables:image", args=[infectee.pk])}"' not in page
    assert "Refusé : virus détecté" in page
    assert client.get(reverse("livrables:image", args=[infectee.pk])).status_code == 404

"""Without CLAMD_SOCKET (the laptop demo), uploads are not scanned and stay offered."""

import pytest
from django.urls import reverse

from antivirus.models import EtatAnalyse
from antivirus.services import balayer
from candidatures.models import Piece, StatutCandidature
from tests.factories import CandidatureFactory, UserFactory
from tests.fichiers import pdf
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db


def test_without_clamd_an_upload_is_not_scanned_and_is_downloadable(
    client, settings, django_capture_on_commit_callbacks
):
    settings.CLAMD_SOCKET = ""
    agent = UserFactory()
    cand = CandidatureFactory(
        service=agent.organisation, cree_par=agent, statut=StatutCandidature.BROUILLON
    )
    client.force_login(agent)
    url = reverse("candidatures:rubrique", args=[cand.pk, "pieces"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"type": Piece.Type.LETTRE_PREFET, "fichier": pdf()})

    piece = cand.pieces.get()
    assert piece.analyse == EtatAnalyse.NON_ANALYSE
    page = texte_lu(client.get(url))
    assert "En analyse" not in page and "virus" not in page
    reponse = client.get(reverse("candidatures:piece", args=[cand.pk, piece.pk]))
    assert reponse.status_code == 200
    reponse.close()
    assert balayer() == 0

"""The programme's letters speak with one voice: the bureau on the letterhead is the one the
DGALN's signature names, and a title in guillemets never leaves its closing « » » alone."""

import io
import re

import pytest
from django.conf import settings
from pypdf import PdfReader

from candidatures.models import Candidature
from documents import rendu
from documents.models import Document

from .conftest import texte_pdf


@pytest.fixture
def lettre(demo):
    peronne = Candidature.objects.get(titre="Centre-ville de Péronne")
    document = Document.objects.pour(peronne, "decision_eligibilite").get()
    return rendu.rendre(document)


def test_the_letterhead_names_the_bureau_the_signature_names(lettre):
    texte = texte_pdf(lettre)
    assert texte.count(settings.BUREAU_DU_PROGRAMME) == 2  # letterhead and signature
    assert "aménagement opérationnel durable" not in texte


def test_guillemets_hold_to_the_words_they_quote(lettre):
    brut = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(lettre)).pages)
    titre = re.sub(r"[ \n]+", " ", brut)  # the title itself may wrap, not its guillemets
    assert "«\u00a0Centre-ville de Péronne\u00a0»" in titre
    assert not re.search(r"(^|\n)\s*»", brut)

import io
import re

import pytest
from pypdf import PdfReader

from tests.commandes.conftest import accord, agent, atelier, fabrique_bon, titulaire_user  # noqa: F401


def texte_pdf(contenu):
    """The words of a PDF as a reader copies them, French spaces made plain."""
    lecteur = PdfReader(io.BytesIO(contenu))
    texte = " ".join(page.extract_text() for page in lecteur.pages)
    return re.sub(r"[\s\u202f\u00a0]+", " ", texte)


def fermer_le_fichier(reponse):
    """Close the streamed file only: closing the response would end the "request" and, on
    PostgreSQL, close the test's database connection."""
    for fermer in reponse._resource_closers:
        fermer()


def telecharger(client, document):
    reponse = client.get(f"/documents/{document.pk}/telecharger/")
    assert reponse.status_code == 200, reponse.status_code
    assert reponse["Content-Type"] == "application/pdf"
    assert reponse["Content-Disposition"].startswith("attachment")
    contenu = b"".join(reponse.streaming_content)
    fermer_le_fichier(reponse)
    return contenu


@pytest.fixture
def rendus(monkeypatch):
    """Counts the renders, and lets a test make the next ones fail."""
    from documents import rendu

    vrai = rendu.rendre
    etat = {"nombre": 0, "echecs": 0}

    def rendre(document):
        etat["nombre"] += 1
        if etat["echecs"]:
            etat["echecs"] -= 1
            raise OSError("police introuvable (simulée)")
        return vrai(document)

    monkeypatch.setattr(rendu, "rendre", rendre)
    return etat

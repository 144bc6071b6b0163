"""HTML to PDF with WeasyPrint, with nothing fetched from the network.

The State's visual identity comes from the DSFR files installed with the project (the
``django-dsfr`` package): the Marianne and Spectral fonts, and the Marianne symbol and the
motto of the logo, read from the DSFR's own logo stylesheet. Images of a document come from the
private storage (``media:`` URLs). Any other address is refused at render time.
"""

import functools
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import filetype
import weasyprint
import weasyprint.urls
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone

DSFR = "dsfr/dist"
POLICES = {
    "regular": "Marianne-Regular.woff",
    "italic": "Marianne-Regular_Italic.woff",
    "medium": "Marianne-Medium.woff",
    "bold": "Marianne-Bold.woff",
    "spectral": "Spectral-Regular.woff",
}


class RessourceRefusee(ValueError):
    pass


def _fichier_statique(chemin):
    trouve = finders.find(chemin)
    if not trouve:
        raise FileNotFoundError(f"Fichier du DSFR introuvable : {chemin}")
    return Path(trouve).resolve()


@functools.cache
def identite():
    """Fonts (as file URLs) and the two images of the logo (as data URLs), read once."""
    polices = {nom: _fichier_statique(f"{DSFR}/fonts/{f}").as_uri() for nom, f in POLICES.items()}
    feuille = _fichier_statique(f"{DSFR}/component/logo/logo.min.css").read_text()
    images = re.findall(r'url\("(data:image/svg\+xml;[^"]+)"\)', feuille)
    if len(images) < 2:
        raise RuntimeError("Le logo du DSFR n'a pas la forme attendue (Marianne et devise).")
    # Percent-encoded quotes: the URLs go into a stylesheet as they are, never HTML-escaped.
    images = [image.replace("'", "%27").replace('"', "%22") for image in images]
    return {"polices": polices, "marianne": images[0], "devise": images[1]}


def _contexte_identite():
    return {
        **identite(),
        "ministere": settings.MARIANNE_MINISTERE,
        "bureau": settings.BUREAU_DU_PROGRAMME,
    }


@functools.cache
def _racines_autorisees():
    return [_fichier_statique(f"{DSFR}/fonts/{POLICES['regular']}").parent]


class RecuperateurLocal(weasyprint.URLFetcher):
    """WeasyPrint's URL fetcher: data URLs, the DSFR's fonts and private images only."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        adresse = urlparse(url)
        if adresse.scheme == "media":
            with default_storage.open(unquote(adresse.path)) as f:
                contenu = f.read()
            reconnu = filetype.guess(contenu)
            entetes = {"Content-Type": reconnu.mime} if reconnu else {}
            return weasyprint.urls.URLFetcherResponse(url, contenu, entetes)
        if adresse.scheme == "file":
            chemin = Path(unquote(adresse.path)).resolve()
            if any(chemin.is_relative_to(racine) for racine in _racines_autorisees()):
                return super().fetch(url, headers)
        raise RessourceRefusee(f"Ressource refusée lors de la génération du PDF : {url}")


def html(document, genere_le=None):
    """The HTML a document is rendered from."""
    from .genres import genre

    return render_to_string(
        genre(document.genre).gabarit,
        {
            "d": document.donnees,
            "document": document,
            "genere_le": genere_le or timezone.localtime(),
            "identite": _contexte_identite(),
        },
    )


def pdf_depuis_html(contenu):
    """A tagged PDF (PDF/UA-1: structure tree, language, title), which screen readers can
    follow heading by heading and table by table."""
    return weasyprint.HTML(
        string=contenu, base_url="file:///", url_fetcher=RecuperateurLocal()
    ).write_pdf(pdf_variant="pdf/ua-1")


def rendre(document):
    """The PDF of ``document`` as bytes."""
    return pdf_depuis_html(html(document))

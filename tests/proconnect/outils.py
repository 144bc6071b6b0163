"""A real OpenID Connect provider on loopback (fournisseur/fournisseur.mjs, node-oidc-provider),
standing in for ProConnect, and the steps a browser takes at it.

`make test` installs its npm package (scripts/installer-fournisseur-oidc.sh). Without Node or
the package, these tests are skipped locally and fail in CI.
"""

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import time
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests

DOSSIER = Path(__file__).parent / "fournisseur"
CLIENT_ID = "portail-ateliers-flash"
CLIENT_SECRET = "secret-du-portail-de-test-0123456789"


def _port_libre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Fournisseur:
    """The running provider: its address, and the accounts it knows (claims by e-mail)."""

    def __init__(self, url, comptes_json):
        self.url = url
        self.decouverte = f"{url}/.well-known/openid-configuration"
        self._comptes_json = comptes_json
        self.comptes = {}

    def connaitre(self, email, **claims):
        self.comptes[email] = claims
        self._comptes_json.write_text(json.dumps(self.comptes))

    def reglages(self, settings):
        settings.PROCONNECT_DISCOVERY_URL = self.decouverte
        settings.PROCONNECT_CLIENT_ID = CLIENT_ID
        settings.PROCONNECT_CLIENT_SECRET = CLIENT_SECRET


@contextlib.contextmanager
def fournisseur_demarre(dossier_temporaire, redirections, deconnexions):
    node = shutil.which("node")
    if not node or not (DOSSIER / "node_modules" / "oidc-provider").is_dir():
        message = (
            "fournisseur OpenID Connect de test absent (Node.js et "
            "scripts/installer-fournisseur-oidc.sh, lancé par `make test`)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    comptes_json = dossier_temporaire / "comptes.json"
    comptes_json.write_text("{}")
    port = _port_libre()
    journal = (dossier_temporaire / "fournisseur.log").open("w")
    processus = subprocess.Popen(
        [
            node,
            str(DOSSIER / "fournisseur.mjs"),
            str(port),
            CLIENT_ID,
            CLIENT_SECRET,
            ",".join(redirections),
            ",".join(deconnexions),
            str(comptes_json),
        ],
        cwd=DOSSIER,
        stdout=journal,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(f"{url}/.well-known/openid-configuration", timeout=1)
                break
            except requests.ConnectionError:
                if processus.poll() is not None:
                    journal.close()
                    texte = (dossier_temporaire / "fournisseur.log").read_text()
                    pytest.fail(f"le fournisseur OpenID Connect s'est arrêté : {texte}")
                time.sleep(0.1)
        yield Fournisseur(url, comptes_json)
    finally:
        processus.terminate()
        processus.wait(timeout=10)
        journal.close()


class Navigation:
    """What a browser does at the provider: follow its redirections, fill its login form."""

    def __init__(self, fournisseur):
        self.fournisseur = fournisseur
        self.session = requests.Session()

    def _suivre(self, url):
        """Follow redirections while they stay at the provider; the first one out, or a page."""
        for _ in range(10):
            if not url.startswith(self.fournisseur.url):
                return url, None
            reponse = self.session.get(url, allow_redirects=False, timeout=5)
            if reponse.status_code not in (302, 303):
                return url, reponse
            url = urljoin(url, reponse.headers["Location"])
        raise AssertionError("trop de redirections chez le fournisseur")

    def s_identifier(self, url_d_autorisation, email, second_facteur=False):
        """From the portal's redirection to the provider, back to the portal: its URL."""
        url, page = self._suivre(url_d_autorisation)
        if page is None:  # the provider's session was still open
            return url
        assert "Adresse e-mail" in page.text, page.text
        action = urljoin(url, unescape(re.search(r'action="([^"]+)"', page.text).group(1)))
        donnees = {"email": email, **({"mfa": "1"} if second_facteur else {})}
        reponse = self.session.post(action, data=donnees, allow_redirects=False, timeout=5)
        retour, page = self._suivre(urljoin(action, reponse.headers["Location"]))
        assert page is None, page.text if page is not None else ""
        return retour

    def page_de_connexion_affichee(self, url_d_autorisation):
        """Whether the provider asks to sign in again (its own session has ended)."""
        _, page = self._suivre(url_d_autorisation)
        return page is not None and "Adresse e-mail" in page.text

    def se_deconnecter(self, url_de_fin_de_session):
        """The provider's logout page submits itself; back to the portal: its URL."""
        _, page = self._suivre(url_de_fin_de_session)
        action = urljoin(url_de_fin_de_session, re.search(r'action="([^"]+)"', page.text).group(1))
        champs = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', page.text))
        reponse = self.session.post(action, data=champs, allow_redirects=False, timeout=5)
        retour, _ = self._suivre(urljoin(action, reponse.headers["Location"]))
        return retour


def chemin(url):
    """The path and query of a URL, for Django's test client."""
    morceaux = urlsplit(url)
    return f"{morceaux.path}?{morceaux.query}" if morceaux.query else morceaux.path


def parametres(url):
    return {cle: valeurs[0] for cle, valeurs in parse_qs(urlsplit(url).query).items()}

"""A client of the ClamAV daemon (clamd): PING and INSTREAM, nothing more.

The PyPI ``clamd`` package is unmaintained; the protocol is small. Commands are sent in their
``z`` form (NUL-terminated); INSTREAM sends the file in chunks, each preceded by its length as
4 big-endian bytes, then a zero length. clamd answers ``stream: OK`` or
``stream: <signature> FOUND``; anything else (``… ERROR``) is not a verdict.

The address is a unix socket path (``/run/clamav/clamd.ctl``, or ``unix:///…``) or
``tcp://host:port``.
"""

import socket
import struct
from dataclasses import dataclass
from urllib.parse import urlsplit

TAILLE_BLOC = 64 * 1024
# A 20 MB upload is scanned in a few seconds; a daemon that says nothing for this long is
# treated as down (the file stays "en analyse" and the sweep tries again).
DELAI_SECONDES = 120


class ClamdIndisponible(Exception):
    """clamd could not be reached, or gave no verdict: try again later."""


@dataclass(frozen=True)
class Verdict:
    signature: str = ""

    @property
    def sain(self):
        return not self.signature


def _connecter(adresse, delai):
    if adresse.startswith("tcp://"):
        morceaux = urlsplit(adresse)
        if not morceaux.hostname or not morceaux.port:
            raise ClamdIndisponible(f"adresse de clamd invalide : {adresse}")
        return socket.create_connection((morceaux.hostname, morceaux.port), timeout=delai)
    connexion = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connexion.settimeout(delai)
    try:
        connexion.connect(adresse.removeprefix("unix://"))
    except OSError:
        connexion.close()
        raise
    return connexion


def _lire_reponse(connexion):
    reponse = b""
    while not reponse.endswith(b"\0"):
        morceau = connexion.recv(4096)
        if not morceau:
            break
        reponse += morceau
    return reponse.rstrip(b"\0").decode("utf-8", "replace").strip()


def _commande(adresse, delai, envoyer):
    try:
        with _connecter(adresse, delai) as connexion:
            envoyer(connexion)
            return _lire_reponse(connexion)
    except OSError as erreur:  # refused, missing socket, timeout, connection reset…
        raise ClamdIndisponible(f"clamd injoignable ({adresse}) : {erreur}") from erreur


def ping(adresse, delai=5):
    """True when clamd answers PONG."""
    try:
        return _commande(adresse, delai, lambda c: c.sendall(b"zPING\0")) == "PONG"
    except ClamdIndisponible:
        return False


def analyser(flux, adresse, delai=DELAI_SECONDES):
    """Stream the binary file ``flux`` to clamd; return its Verdict or raise ClamdIndisponible."""

    def envoyer(connexion):
        connexion.sendall(b"zINSTREAM\0")
        while bloc := flux.read(TAILLE_BLOC):
            connexion.sendall(struct.pack(">I", len(bloc)) + bloc)
        connexion.sendall(struct.pack(">I", 0))

    reponse = _commande(adresse, delai, envoyer)
    if reponse == "stream: OK":
        return Verdict()
    if reponse.startswith("stream: ") and reponse.endswith(" FOUND"):
        return Verdict(signature=reponse.removeprefix("stream: ").removesuffix(" FOUND"))
    # "INSTREAM size limit exceeded. ERROR" (StreamMaxLength), a broken database…
    raise ClamdIndisponible(f"clamd n'a pas rendu de verdict : {reponse or 'aucune réponse'}")

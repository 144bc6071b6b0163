"""What the public catalogue computes over every published atelier, kept between requests.

The catalogue's pages, its counters, map, filters' choices and open-data files are the same
for every anonymous visitor. They are kept in each process's memory under a key that changes as soon
as what they show may change: the number of ateliers, the latest change of an atelier
(publication, phase, closure) or of a file, and the latest validation of a fiche synthétique.
That fingerprint is one query of four index-only reads (``empreinte``), once per request.
A change the key cannot see (a titulaire renamed in the admin, a new référentiel) shows after
``CATALOGUE_CACHE_SECONDES`` at most.
"""

import functools
import hashlib
import threading

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import connection
from django.dispatch import receiver

from ateliers.models import Atelier
from candidatures.models import Candidature
from livrables.models import FicheSynthetique

# The fingerprint read during the current request (the page, its filters' choices and its
# map share one); outside a request (a command, the shell) it is read each time.
_requete = threading.local()
# Kept in each process's memory: the fingerprint, read from the base, is in every key.
locale = caches["local"]
# Longer addresses (a query string nobody types) are served without being kept.
ADRESSE_MAX = 300


@receiver(request_started)
def _debut(**kwargs):
    _requete.en_cours, _requete.empreinte = True, None


@receiver(request_finished)
def _fin(**kwargs):
    _requete.en_cours, _requete.empreinte = False, None


def _sql():
    def colonne(modele, champ):
        return modele._meta.db_table, modele._meta.get_field(champ).column

    atelier, modification = colonne(Atelier, "modifie_le")
    dossier, dossier_modifie = colonne(Candidature, "modifie_le")
    fiche, validation = colonne(FicheSynthetique, "validee_le")
    # Each max() reads one end of its index; the count, the smallest index of the ateliers.
    return (
        f'SELECT (SELECT COUNT(*) FROM "{atelier}"), (SELECT MAX("{modification}") FROM '
        f'"{atelier}"), (SELECT MAX("{dossier_modifie}") FROM "{dossier}"), '
        f'(SELECT MAX("{validation}") FROM "{fiche}")'
    )


def empreinte():
    """One short query (per request): changes whenever a published atelier may have."""
    if getattr(_requete, "en_cours", False) and _requete.empreinte is not None:
        return _requete.empreinte
    with connection.cursor() as curseur:
        curseur.execute(_sql())
        nombre, *horodatages = curseur.fetchone()
    parties = ":".join([str(nombre), *(str(h or 0) for h in horodatages), settings.SITE_URL])
    valeur = hashlib.sha256(parties.encode()).hexdigest()[:32]
    if getattr(_requete, "en_cours", False):
        _requete.empreinte = valeur
    return valeur


def memoriser(nom, calcul):
    """``calcul()``, or its value kept since the catalogue last changed."""
    cle = f"catalogue:{nom}:{empreinte()}"
    valeur = locale.get(cle)
    if valeur is None:
        valeur = calcul()
        locale.set(cle, valeur, settings.CATALOGUE_CACHE_SECONDES)
    return valeur


def _gardable(request):
    """Whether this request's page is the one every visitor gets."""
    return (
        not request.user.is_authenticated
        and len(request.get_full_path()) <= ADRESSE_MAX
        # A message waiting for the visitor (« Vous êtes déconnecté ») is theirs alone.
        and not len(messages.get_messages(request))
    )


def page_publique(vue):
    """The view's response, kept for anonymous visitors under the catalogue's fingerprint:
    the page costs the fingerprint's query and a cache read. A signed-in person (whose
    header differs) and an answer other than 200 are served fresh."""

    @functools.wraps(vue)
    def enveloppe(request, *args, **kwargs):
        if not _gardable(request):
            return vue(request, *args, **kwargs)
        adresse = f"{request.headers.get('HX-Request', '')}:{request.get_full_path()}"
        cle = f"catalogue:page:{hashlib.sha256(adresse.encode()).hexdigest()}:{empreinte()}"
        reponse = locale.get(cle)
        if reponse is None:
            reponse = vue(request, *args, **kwargs)
            if (
                reponse.status_code == 200
                and not reponse.streaming
                and not reponse.cookies
                and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            ):
                locale.set(cle, reponse, settings.CATALOGUE_CACHE_SECONDES)
        return reponse

    return enveloppe

"""What the public catalogue computes over every published atelier, kept between requests.

The catalogue's pages, its counters, map, filters' choices and open-data files are the same
for every anonymous visitor. They are kept in each process's memory under a key that changes as soon
as what they show may change: the newest atelier, the latest change of an atelier
(publication, phase, closure) or of a file, and the latest validation of a fiche synthétique.
That fingerprint is one query of four reads of an index's end (``empreinte``), once per
request, whatever the number of rows. A change the key cannot see (a titulaire renamed in the
admin, an atelier deleted there, a new référentiel) shows after ``CATALOGUE_CACHE_SECONDES``
at most. What is computed is put in the shared cache too, so that each change is computed
once for all the processes, which then keep it in their own memory.
"""

import functools
import hashlib
import threading

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache, caches
from django.core.signals import request_finished, request_started
from django.db import connection
from django.dispatch import receiver

from ateliers.models import Atelier
from candidatures.models import Candidature
from livrables.models import FicheSynthetique

# The fingerprint read during the current request (the page, its filters' choices and its
# map share one); outside a request (a command, the shell) it is read each time.
_requete = threading.local()
# Each process's memory, before the shared cache: the fingerprint is in every key.
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
    cle = Atelier._meta.pk.column
    # Each max() reads one end of its index, whatever the number of rows: the newest atelier,
    # the latest change of an atelier and of a file, the latest validation of a fiche.
    return (
        f'SELECT (SELECT MAX("{cle}") FROM "{atelier}"), (SELECT MAX("{modification}") FROM '
        f'"{atelier}"), (SELECT MAX("{dossier_modifie}") FROM "{dossier}"), '
        f'(SELECT MAX("{validation}") FROM "{fiche}")'
    )


def empreinte():
    """One short query (per request): changes whenever a published atelier may have."""
    if getattr(_requete, "en_cours", False) and _requete.empreinte is not None:
        return _requete.empreinte
    with connection.cursor() as curseur:
        curseur.execute(_sql())
        dernier, *horodatages = curseur.fetchone()
    parties = ":".join([str(dernier), *(str(h or 0) for h in horodatages), settings.SITE_URL])
    valeur = hashlib.sha256(parties.encode()).hexdigest()[:32]
    if getattr(_requete, "en_cours", False):
        _requete.empreinte = valeur
    return valeur


def _lire(cle):
    """What is kept under ``cle``: in this process's memory, else in the shared cache."""
    valeur = locale.get(cle)
    if valeur is None:
        valeur = cache.get(cle)
        if valeur is not None:
            locale.set(cle, valeur, settings.CATALOGUE_CACHE_SECONDES)
    return valeur


def _garder(cle, valeur):
    cache.set(cle, valeur, settings.CATALOGUE_CACHE_SECONDES)
    locale.set(cle, valeur, settings.CATALOGUE_CACHE_SECONDES)


def memoriser(nom, calcul):
    """``calcul()``, or its value kept since the catalogue last changed."""
    cle = f"catalogue:{nom}:{empreinte()}"
    valeur = _lire(cle)
    if valeur is None:
        valeur = calcul()
        _garder(cle, valeur)
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
        reponse = _lire(cle)
        if reponse is None:
            reponse = vue(request, *args, **kwargs)
            if (
                reponse.status_code == 200
                and not reponse.streaming
                and not reponse.cookies
                and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            ):
                _garder(cle, reponse)
        return reponse

    return enveloppe

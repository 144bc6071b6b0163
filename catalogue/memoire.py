"""What the public catalogue computes over every published atelier, kept between requests.

The counters, the map, the filters' choices and the open-data files (CSV and GeoJSON of some
2 000 ateliers at national scale, 2 s to build) are the same for every visitor. They are kept
in Django's cache under a key that changes as soon as what they show may change: the number
of ateliers and the latest change of an atelier (publication, phase, closure), of its file or
of its fiche synthétique's validation.
A change the key cannot see (a titulaire renamed in the admin, a new référentiel) shows after
``CATALOGUE_CACHE_SECONDES`` at most.
"""

import threading

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models import Count, Max
from django.dispatch import receiver

from ateliers.models import Atelier

# The fingerprint read during the current request (the page, its filters' choices and its
# map share one); outside a request (a command, the shell) it is read each time.
_requete = threading.local()


@receiver(request_started)
def _debut(**kwargs):
    _requete.en_cours, _requete.empreinte = True, None


@receiver(request_finished)
def _fin(**kwargs):
    _requete.en_cours, _requete.empreinte = False, None


def empreinte():
    """One short query (per request): changes whenever a published atelier may have."""
    if getattr(_requete, "en_cours", False) and _requete.empreinte is not None:
        return _requete.empreinte
    etat = Atelier.objects.aggregate(
        n=Count("pk"),
        atelier=Max("modifie_le"),
        dossier=Max("candidature__modifie_le"),
        fiche=Max("fiche_synthetique__validee_le"),
    )
    horodatages = ":".join(
        f"{etat[k].timestamp() if etat[k] else 0:.6f}" for k in ("atelier", "dossier", "fiche")
    )
    valeur = f"{etat['n']}:{horodatages}:{settings.SITE_URL}"
    if getattr(_requete, "en_cours", False):
        _requete.empreinte = valeur
    return valeur


def memoriser(nom, calcul):
    """``calcul()``, or its value kept since the catalogue last changed."""
    cle = f"catalogue:{nom}:{empreinte()}"
    valeur = cache.get(cle)
    if valeur is None:
        valeur = calcul()
        cache.set(cle, valeur, settings.CATALOGUE_CACHE_SECONDES)
    return valeur

"""A national-scale dataset for measuring the portal (``manage.py peupler``).

Ten times today's volume by default: 10 000 candidatures over every state and every campaign
since 2019, 3 000 ateliers, 6 000 bons de commande, 30 000 livrable versions (each a small
PDF file on disk), their messages, deposits, tourniquet ledger and audit journal, spread over
every département. Everything is written by ``bulk_create`` in one transaction, with the dates
each record would have had (``dates.dates_donnees`` lifts the models' ``auto_now`` fields for
each ``bulk_create`` and restores them after).

This is measurement data, never real data: ``peupler`` refuses a base that already holds
candidatures or accords-cadres. The same generator, with small volumes and one service, gives
the query-budget tests their 5 and 100 rows.

Benchmark infrastructure, not the product: only ``bench.settings`` installs the ``bench`` app
and its ``manage.py peupler``; nothing of the product imports it.
"""

import time

from django.db import transaction

from bench.volume.ateliers import ateliers, bons
from bench.volume.dossiers import candidatures, dossiers
from bench.volume.generateur import BaseNonVide, Generateur, Rapport, Volumes
from bench.volume.livrables import livrables
from bench.volume.organisations import accords_cadres, comptes, organisations
from candidatures.models import Candidature
from marches.models import AccordCadre

__all__ = ["BaseNonVide", "Rapport", "Volumes", "peupler"]


def peupler(volumes=None, graine=2026, mot_de_passe="AtelierFlash-demo-2026", stockage=None):
    """Create the dataset; return a ``Rapport`` (counts, time per step, accounts)."""
    volumes = volumes or Volumes()
    volumes.verifier()
    if Candidature.objects.exists() or AccordCadre.objects.exists():
        raise BaseNonVide(
            "La base contient déjà des candidatures ou des accords-cadres : le jeu de mesure "
            "se crée dans une base vide (il ne doit jamais se mêler à des données réelles)."
        )
    debut = time.perf_counter()
    g = Generateur(volumes, graine, stockage)
    with transaction.atomic():
        organisations(g)
        if not g.territoires:
            raise ValueError("Aucun département actif : importez d'abord le référentiel.")
        comptes(g, mot_de_passe)
        accords_cadres(g)
        candidatures(g)
        dossiers(g)
        ateliers(g)
        bons(g)
        livrables(g)
        g.ecrire_journal()
        g.choisir_connexions()
    g.rapport.comptes["fichiers"] = g.fichiers
    g.rapport.total = time.perf_counter() - debut
    return g.rapport

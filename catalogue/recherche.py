"""The catalogue's text search: title, territory, themes and fiche synthétique.

Only what the catalogue publishes is searched: the file's long texts and contacts are not
(``selecteurs.TEXTES_PRIVES``), so that a search reveals nothing a visitor cannot read. The
words of each published atelier, lower-case and without accents (``normaliser``, as the
DGALN's inbox), are kept with the catalogue's fingerprint: one index for every visitor, on
SQLite as on PostgreSQL, and a search costs no query beyond the fingerprint's. Every word
typed must appear in the atelier's words (« friche » finds « friches »).
"""

import re

from ateliers.territoires import departements_de
from candidatures.recherche import normaliser
from livrables.models import FicheSynthetique

from . import memoire, selecteurs

MOT = re.compile(r"[a-z0-9]+")
TEXTES_DE_LA_FICHE = (
    "territoire",
    "maitrise_ouvrage",
    "contexte",
    "enjeux",
    "productions",
    "suites",
)


def mots(texte):
    """The words of ``texte`` as the search compares them (at most ten are searched)."""
    return MOT.findall(normaliser(texte))


def filtrer(ateliers, texte):
    """The ateliers of ``ateliers`` whose words hold every word of ``texte``."""
    cherches = mots(texte)[:10]
    if not cherches:
        return ateliers
    index = memoire.memoriser("recherche", _indexer)
    trouves = [pk for pk, contenu in index.items() if all(m in contenu for m in cherches)]
    return ateliers.filter(pk__in=trouves)


def _indexer():
    """``{atelier pk: its distinct words, space-separated}``: constant number of queries."""
    fiches = {
        ligne[0]: ligne[1:]
        for ligne in FicheSynthetique.objects.filter(atelier__in=selecteurs.publies()).values_list(
            "atelier_id", *TEXTES_DE_LA_FICHE
        )
    }
    index = {}
    for atelier in selecteurs.ateliers_publies():
        c = atelier.candidature
        deps = departements_de(atelier)
        parties = [
            c.titre,
            atelier.reference,
            str(c.annee),
            c.epci.nom if c.epci_id else "",
            atelier.titulaire.nom,
            *(f"{x.nom} {x.code}" for x in c.communes.all()),
            *(f"{d.nom} {d.code} {d.region.nom}" for d in deps),
            *(f"{t.libelle} {t.get_famille_display()}" for t in c.thematiques.all()),
            *fiches.get(atelier.pk, ()),
        ]
        index[atelier.pk] = " ".join(sorted(set(mots(" ".join(p for p in parties if p)))))
    return index

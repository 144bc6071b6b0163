"""The catalogue as open data: one CSV row and one GeoJSON feature per published atelier.

The column names are stable (documented on the « Données ouvertes » page, which lists
``COLONNES``); a new column goes at the end, none is renamed or removed.
"""

from operator import itemgetter

from django.conf import settings
from django.urls import reverse

from ateliers.territoires import departements_de
from exports.formats import texte_csv
from exports.listes import Colonne

from . import selecteurs

COLONNES = (
    ("reference", "Référence de l'atelier (AF-année-numéro)"),
    ("titre", "Titre du projet"),
    ("annee", "Année de la campagne"),
    ("echelle", "Échelle (bâtiment, îlot, quartier, commune, intercommunalité)"),
    ("communes_insee", "Codes INSEE des communes, séparés par « | »"),
    ("communes", "Noms des communes, séparés par « | »"),
    ("epci_siren", "SIREN de l'EPCI, s'il y en a un"),
    ("epci", "Nom de l'EPCI"),
    ("departements", "Codes des départements, séparés par « | »"),
    ("regions", "Noms des régions, séparés par « | »"),
    ("familles", "Familles de transitions, séparées par « | »"),
    ("thematiques", "Thèmes, séparés par « | »"),
    ("titulaire", "Groupement titulaire qui a mené l'atelier"),
    ("statut", "Phase de l'atelier (« Clôturé » pour un atelier réalisé)"),
    ("date_cloture", "Date de clôture (AAAA-MM-JJ), vide si l'atelier est en cours"),
    ("longitude", "Longitude WGS 84 d'un point du territoire, si elle est connue"),
    ("latitude", "Latitude WGS 84 d'un point du territoire, si elle est connue"),
    ("url", "Adresse de la page publique de l'atelier"),
    # Added in December 2026, last so that readers of the earlier columns are not disturbed.
    (
        "communes_accompagnees_insee",
        "Codes INSEE des communes accompagnées, séparés par « | » : celles du dossier et, pour "
        "un atelier intercommunal, toutes les communes de l'EPCI (le compteur « communes "
        "accompagnées » du catalogue est leur nombre, sans doublon)",
    ),
)


def proprietes(atelier):
    """The open-data fields of one atelier (the prefetches of ``ateliers_publies``)."""
    c = atelier.candidature
    communes = selecteurs.communes_du_territoire(atelier)
    deps = departements_de(atelier)
    pt = selecteurs.point(atelier)
    return {
        "reference": atelier.reference,
        "titre": c.titre,
        "annee": c.annee,
        "echelle": c.get_echelle_display(),
        "communes_insee": "|".join(x.code for x in communes),
        "communes": "|".join(x.nom for x in communes),
        "epci_siren": c.epci_id or "",
        "epci": c.epci.nom if c.epci_id else "",
        "departements": "|".join(d.code for d in deps),
        "regions": "|".join(sorted({d.region.nom for d in deps})),
        "familles": "|".join(selecteurs.familles_de(atelier)),
        "thematiques": "|".join(t.libelle for t in c.thematiques.all()),
        "titulaire": atelier.titulaire.nom,
        # The column keeps its published name; the model calls it ``phase``.
        "statut": atelier.get_phase_display(),
        "date_cloture": atelier.date_cloture.isoformat() if atelier.date_cloture else "",
        "longitude": pt[0] if pt else "",
        "latitude": pt[1] if pt else "",
        "url": settings.SITE_URL + reverse("catalogue:atelier", args=[atelier.pk]),
        "communes_accompagnees_insee": "|".join(selecteurs.communes_accompagnees(atelier)),
    }


def en_csv(ateliers):
    """UTF-8 (with BOM, for spreadsheets), comma-separated, one header row of field names.

    Written by the exports' CSV writer: the titles come from the candidates' files, and open
    data is opened in spreadsheets too, so a title starting with « = » stays text there.
    """
    colonnes = [Colonne(nom, itemgetter(nom)) for nom, _ in COLONNES]
    contenu, _nombre = texte_csv(colonnes, (proprietes(a) for a in ateliers), separateur=",")
    return contenu


def en_geojson(ateliers):
    """A FeatureCollection (RFC 7946): a Point where the territory's coordinates are known,
    a null geometry otherwise (the feature still carries the commune codes)."""
    features = []
    for atelier in ateliers:
        props = proprietes(atelier)
        lon, lat = props.pop("longitude"), props.pop("latitude")
        for liste in ("communes_insee", "communes_accompagnees_insee"):
            props[liste] = props[liste].split("|") if props[liste] else []
        features.append(
            {
                "type": "Feature",
                "id": props["reference"],
                "geometry": ({"type": "Point", "coordinates": [lon, lat]} if lon != "" else None),
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}

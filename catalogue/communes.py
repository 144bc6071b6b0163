"""The communes accompanied: those the catalogue's counter counts, each with its public page.

A commune is accompanied by a published atelier (``selecteurs.publies``) whose file names it
or, at the intercommunal scale, whose EPCI it belongs to: the same rule as the counter
(``selecteurs.compteurs``) and the open data's ``communes_accompagnees_insee``. The census of
every commune accompanied (the list, the map) is kept with the catalogue's fingerprint.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from ateliers.models import Atelier
from candidatures.models import Candidature, Echelle
from candidatures.recherche import normaliser
from referentiels.models import Commune

from . import memoire, selecteurs


@dataclass(frozen=True)
class CommuneAccompagnee:
    code: str
    nom: str
    departement_code: str
    departement: str
    epci: str
    latitude: float | None
    longitude: float | None
    ateliers: int
    annees: tuple

    @property
    def url(self):
        return reverse("catalogue:commune", args=[self.code])

    @property
    def annees_texte(self):
        return ", ".join(str(a) for a in self.annees)


def recensement():
    """Every commune accompanied, alphabetical (accents aside): three queries, then kept
    until the catalogue changes."""
    return memoire.memoriser("communes", _recenser)


def _recenser():
    ateliers = selecteurs.publies()
    par_commune = {}  # code: {atelier pk: year}
    nommees = Candidature.communes.through.objects.filter(
        candidature__atelier__in=ateliers
    ).values_list("commune_id", "candidature__atelier", "candidature__annee")
    for code, pk, annee in nommees:
        par_commune.setdefault(code, {})[pk] = annee
    par_epci = {}  # EPCI: {atelier pk: year}
    intercommunaux = ateliers.filter(
        candidature__echelle=Echelle.INTERCOMMUNALITE, candidature__epci__isnull=False
    ).values_list("candidature__epci", "pk", "candidature__annee")
    for epci, pk, annee in intercommunaux:
        par_epci.setdefault(epci, {})[pk] = annee
    communes = (
        Commune.objects.filter(Q(code__in=list(par_commune)) | Q(epci__in=list(par_epci)))
        .select_related("departement", "epci")
        .order_by()
    )
    recenses = []
    for c in communes:
        ateliers_de = {**par_commune.get(c.code, {}), **par_epci.get(c.epci_id, {})}
        recenses.append(
            CommuneAccompagnee(
                code=c.code,
                nom=c.nom,
                departement_code=c.departement.code,
                departement=c.departement.nom,
                epci=c.epci.nom if c.epci_id else "",
                latitude=float(c.latitude) if c.latitude is not None else None,
                longitude=float(c.longitude) if c.longitude is not None else None,
                ateliers=len(ateliers_de),
                annees=tuple(sorted(set(ateliers_de.values()))),
            )
        )
    return sorted(recenses, key=lambda c: (normaliser(c.nom), c.code))


def departements(recenses):
    """``[(code, name)]`` of the départements that have a commune accompanied."""
    return sorted({(c.departement_code, c.departement) for c in recenses})


def commune_publique(code):
    """The commune ``code`` with its département, région and EPCI, and its published ateliers
    (as the catalogue reads them); None when no published atelier accompanies it."""
    commune = (
        Commune.objects.select_related("departement__region", "epci").filter(code=code).first()
    )
    if commune is None:
        return None
    concernes = Q(candidature__communes=commune)
    if commune.epci_id:
        concernes |= Q(
            candidature__echelle=Echelle.INTERCOMMUNALITE, candidature__epci=commune.epci_id
        )
    ateliers = list(
        selecteurs.ateliers_publies().filter(pk__in=Atelier.objects.filter(concernes).values("pk"))
    )
    if not ateliers:
        return None
    return commune, ateliers


def en_geojson(recenses):
    """A FeatureCollection (RFC 7946): one Point per commune accompanied whose coordinates
    are known, with its name, its number of ateliers and the address of its page."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": c.code,
                "geometry": {"type": "Point", "coordinates": [c.longitude, c.latitude]},
                "properties": {
                    "code_insee": c.code,
                    "nom": c.nom,
                    "departement": c.departement_code,
                    "epci": c.epci,
                    "ateliers": c.ateliers,
                    "annees": list(c.annees),
                    "url": settings.SITE_URL + c.url,
                },
            }
            for c in recenses
            if c.latitude is not None and c.longitude is not None
        ],
    }

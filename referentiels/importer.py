"""Import of the territorial référentiel from the official open data.

Source: the JSON files of the npm package ``@etalab/decoupage-administratif`` (Licence
Ouverte): ``regions.json``, ``departements.json``, ``communes.json``, ``epci.json``.

The import is in two stages so that a bad file never leaves a half-imported référentiel:
1. read and validate every file completely (codes, names, references between files);
2. write everything in one transaction, in bulk, touching only rows that changed.
A second run with the same files therefore writes nothing. Rows that disappeared from the
source (merged communes, dissolved EPCI) are marked inactive, never deleted.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from socle import filtres

from .models import EPCI, Commune, Departement, Region, Zone

FICHIERS = ("regions.json", "departements.json", "communes.json", "epci.json")
CODE_REGION = re.compile(r"^\d{2,3}$")
CODE_DEPARTEMENT = re.compile(r"^(\d{2}|2A|2B|97\d|98\d)$")
CODE_COMMUNE = re.compile(r"^(\d{5}|2A\d{3}|2B\d{3})$")
SIREN = re.compile(r"^\d{9}$")
MAX_ERREURS_AFFICHEES = 20
BATCH = 2000


class ReferentielInvalide(Exception):
    """The source files are unusable; nothing was written. ``erreurs`` lists why, in French."""

    def __init__(self, erreurs):
        self.erreurs = erreurs
        shown = erreurs[:MAX_ERREURS_AFFICHEES]
        more = len(erreurs) - len(shown)
        text = "\n".join(f"- {e}" for e in shown)
        if more:
            text += f"\n- … et {more} autre(s) erreur(s)"
        super().__init__(f"Référentiel invalide, rien n'a été importé :\n{text}")


@dataclass
class Compte:
    crees: int = 0
    modifies: int = 0
    inchanges: int = 0
    desactives: int = 0

    def __str__(self):
        return (
            f"{self.crees} créé(s), {self.modifies} modifié(s), "
            f"{self.inchanges} inchangé(s), {self.desactives} désactivé(s)"
        )


@dataclass
class BilanImport:
    regions: Compte = field(default_factory=Compte)
    departements: Compte = field(default_factory=Compte)
    communes: Compte = field(default_factory=Compte)
    epci: Compte = field(default_factory=Compte)

    @property
    def ecritures(self):
        return sum(
            c.crees + c.modifies + c.desactives
            for c in (self.regions, self.departements, self.communes, self.epci)
        )


def _lire(source: Path, nom: str, erreurs: list):
    chemin = source / nom
    if not chemin.is_file():
        erreurs.append(f"{nom} : fichier absent de {source}")
        return []
    try:
        data = json.loads(chemin.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        erreurs.append(f"{nom} : JSON illisible ({exc})")
        return []
    if not isinstance(data, list):
        erreurs.append(f"{nom} : une liste d'objets est attendue")
        return []
    return data


def _texte(item, cle, nom, i, erreurs):
    valeur = item.get(cle) if isinstance(item, dict) else None
    if not isinstance(valeur, str) or not valeur.strip():
        erreurs.append(f"{nom}, entrée {i + 1} : champ « {cle} » manquant ou vide")
        return None
    return valeur.strip()


def _entier(valeur):
    return valeur if isinstance(valeur, int) and valeur >= 0 else None


def _zone(valeur):
    return valeur if valeur in Zone.values else Zone.METRO


def lire_source(source: Path):
    """Read and validate the four files; return plain rows or raise ReferentielInvalide."""
    source = Path(source)
    erreurs: list[str] = []
    bruts = {nom: _lire(source, nom, erreurs) for nom in FICHIERS}
    if erreurs:
        raise ReferentielInvalide(erreurs)

    regions = {}
    for i, item in enumerate(bruts["regions.json"]):
        code, nom = (_texte(item, k, "regions.json", i, erreurs) for k in ("code", "nom"))
        if code and not CODE_REGION.match(code):
            erreurs.append(f"regions.json, entrée {i + 1} : code région « {code} » invalide")
        elif code and nom:
            regions[code] = {"nom": nom, "zone": _zone(item.get("zone"))}

    departements = {}
    for i, item in enumerate(bruts["departements.json"]):
        code, nom, region = (
            _texte(item, k, "departements.json", i, erreurs) for k in ("code", "nom", "region")
        )
        if code and not CODE_DEPARTEMENT.match(code):
            erreurs.append(
                f"departements.json, entrée {i + 1} : code département « {code} » invalide"
            )
        elif region and region not in regions:
            erreurs.append(
                f"departements.json, entrée {i + 1} : région « {region} » inconnue "
                f"(département {code})"
            )
        elif code and nom:
            departements[code] = {
                "nom": nom,
                "region_id": region,
                "zone": _zone(item.get("zone")),
            }

    communes = {}
    for i, item in enumerate(bruts["communes.json"]):
        if isinstance(item, dict) and item.get("type", "commune-actuelle") != "commune-actuelle":
            continue  # communes déléguées/associées and municipal arrondissements
        code, nom, dep = (
            _texte(item, k, "communes.json", i, erreurs) for k in ("code", "nom", "departement")
        )
        if code and not CODE_COMMUNE.match(code):
            erreurs.append(f"communes.json, entrée {i + 1} : code INSEE « {code} » invalide")
        elif dep and dep not in departements:
            erreurs.append(
                f"communes.json, entrée {i + 1} : département « {dep} » inconnu (commune {code})"
            )
        elif code and nom:
            postaux = item.get("codesPostaux") or []
            communes[code] = {
                "nom": nom,
                "departement_id": dep,
                "population": _entier(item.get("population")),
                "codes_postaux": " ".join(str(p) for p in postaux)[:200],
                "epci_id": None,
            }

    epcis = {}
    for i, item in enumerate(bruts["epci.json"]):
        code, nom, type_ = (
            _texte(item, k, "epci.json", i, erreurs) for k in ("code", "nom", "type")
        )
        if code and not SIREN.match(code):
            erreurs.append(f"epci.json, entrée {i + 1} : SIREN « {code} » invalide")
            continue
        if type_ and type_ not in EPCI.Type.values:
            erreurs.append(f"epci.json, entrée {i + 1} : type d'EPCI « {type_} » inconnu")
            continue
        if not (code and nom and type_):
            continue
        epcis[code] = {
            "nom": nom,
            "type": type_,
            "population": _entier(item.get("populationTotale")),
        }
        membres = item.get("membres")
        if not isinstance(membres, list):
            erreurs.append(f"epci.json, entrée {i + 1} : liste « membres » manquante ({nom})")
            continue
        for membre in membres:
            mcode = membre.get("code") if isinstance(membre, dict) else None
            if mcode not in communes:
                erreurs.append(f"epci.json : {nom} a pour membre une commune inconnue « {mcode} »")
            elif communes[mcode]["epci_id"] not in (None, code):
                erreurs.append(f"epci.json : la commune {mcode} est membre de deux EPCI")
            else:
                communes[mcode]["epci_id"] = code

    if not regions or not departements or not communes:
        erreurs.append("la source ne contient aucune région, aucun département ou aucune commune")
    if erreurs:
        raise ReferentielInvalide(erreurs)
    return regions, departements, communes, epcis


def _synchroniser(model, lignes: dict, compte: Compte):
    """Create new rows, update changed ones, deactivate vanished ones; skip the rest."""
    champs = [*next(iter(lignes.values())).keys(), "actif"] if lignes else ["actif"]
    pk = model._meta.pk.attname
    existants = {row[pk]: row for row in model.objects.values(pk, *champs)}
    a_creer, a_modifier = [], []
    for code, valeurs in lignes.items():
        valeurs = {**valeurs, "actif": True}
        actuel = existants.get(code)
        if actuel is None:
            a_creer.append(model(**{pk: code}, **valeurs))
        elif any(actuel[c] != v for c, v in valeurs.items()):
            a_modifier.append(model(**{pk: code}, **valeurs))
        else:
            compte.inchanges += 1
    model.objects.bulk_create(a_creer, batch_size=BATCH)
    model.objects.bulk_update(a_modifier, champs, batch_size=BATCH)
    compte.crees, compte.modifies = len(a_creer), len(a_modifier)

    disparus = [code for code, row in existants.items() if row["actif"] and code not in lignes]
    for i in range(0, len(disparus), BATCH):
        model.objects.filter(pk__in=disparus[i : i + BATCH]).update(actif=False)
    compte.desactives = len(disparus)


def importer_referentiel(source: Path) -> BilanImport:
    """Validate then import the référentiel found in ``source``; return what changed."""
    regions, departements, communes, epcis = lire_source(source)
    rapport = BilanImport()
    with transaction.atomic():
        _synchroniser(Region, regions, rapport.regions)
        _synchroniser(Departement, departements, rapport.departements)
        # EPCI before communes: communes point at their EPCI.
        _synchroniser(EPCI, epcis, rapport.epci)
        _synchroniser(Commune, communes, rapport.communes)
        # Written in bulk, without Django's signals: the lists' filters forget their options.
        transaction.on_commit(filtres.oublier)
    return rapport

"""Checking the rows of a history file against the référentiels: one method per column turns
a cell's text into its value or says, in French, what is wrong with it.

The référentiels are read once for the whole file; a row's errors are collected, not raised,
so that a file is fixed in one pass.
"""

import re
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone

from ateliers.models import Atelier
from candidatures.models import Echelle
from comptes.models import Organisation
from marches.models import AccordCadre, Titulaire
from referentiels.models import EPCI, Commune, Thematique

from .colonnes import (
    COLONNES,
    COLONNES_OBLIGATOIRES,
    LATITUDES,
    LONGITUDES,
    MONTANT_PAR_DEFAUT,
    OUI_NON,
    PREMIERE_ANNEE,
    Ligne,
    ValeurInvalide,
    cle,
)


class Verificateur:
    """Checks rows against the référentiels, read once for the whole file."""

    def __init__(self, brutes):
        codes, sirens = set(), set()
        for _numero, valeurs in brutes:
            codes.update(_codes(valeurs.get("communes", "")))
            sirens.add(valeurs.get("epci", "").replace(" ", ""))
        self.communes = Commune.objects.in_bulk(codes)
        self.epcis = EPCI.objects.in_bulk(sirens - {""})
        self.services = _index(Organisation.objects.services(), lambda o: [o.nom])
        self.thematiques = _index(Thematique.objects.all(), lambda t: [t.libelle])
        self.accords = {a.reference.upper(): a for a in AccordCadre.objects.all()}
        self.titulaires = {}
        for titulaire in Titulaire.objects.prefetch_related("membres__organisation"):
            mandataire = titulaire.mandataire
            noms = [titulaire.nom] + ([mandataire.nom] if mandataire else [])
            par_nom = self.titulaires.setdefault(titulaire.accord_cadre_id, {})
            for nom in noms:
                par_nom.setdefault(cle(nom), titulaire)
        references = {v.get("reference", "").upper() for _n, v in brutes}
        self.deja_importees = set(
            Atelier.objects.filter(reference_historique__in=references).values_list(
                "reference_historique", flat=True
            )
        )
        self.references_vues = {}  # reference -> line number
        self.coordonnees_vues = {}  # commune code -> (latitude, longitude, line number)
        self.aujourd_hui = timezone.localdate()

    def verifier(self, numero, valeurs):
        """``(Ligne or None, [errors])`` for one row."""
        erreurs = []
        champs = {}
        for colonne in COLONNES:
            valeur = valeurs.get(colonne, "")
            try:
                if not valeur and colonne in COLONNES_OBLIGATOIRES and colonne != "communes":
                    raise ValeurInvalide("valeur obligatoire manquante")
                champs[colonne] = getattr(self, f"lire_{colonne}")(valeur)
            except ValeurInvalide as exc:
                erreurs.append(f"ligne {numero} : colonne « {colonne} » : {exc}")

        def refuser(colonne, message):
            erreurs.append(f"ligne {numero} : colonne « {colonne} » : {message}")

        reference = champs.get("reference")
        if reference:
            if reference in self.references_vues:
                refuser(
                    "reference",
                    f"référence déjà donnée ligne {self.references_vues[reference]} ({reference})",
                )
            else:
                self.references_vues[reference] = numero
        if "communes" in champs and not champs["communes"] and not champs.get("epci"):
            refuser("communes", "au moins une commune est obligatoire (ou un EPCI)")
        accord = champs.get("accord_cadre")
        if accord and champs.get("titulaire"):
            champs["titulaire"] = self._titulaire(accord, champs["titulaire"], refuser)
        elif "titulaire" in champs:
            champs["titulaire"] = None  # unknown accord-cadre: already reported
        cloture, annee = champs.get("date_cloture"), champs.get("annee")
        if cloture and annee and cloture.year < annee:
            refuser(
                "date_cloture",
                f"clôture antérieure à l'année de l'atelier, {annee} ({cloture:%d/%m/%Y})",
            )
        self._coordonnees(numero, champs, refuser)

        if erreurs or None in (champs.get(c) for c in COLONNES_OBLIGATOIRES):
            return None, erreurs
        return Ligne(numero=numero, **champs), []

    # One method per column: the cell's text in, its value out, or ValeurInvalide.

    def lire_reference(self, valeur):
        valeur = _texte(valeur, 30).upper()
        if valeur in self.deja_importees:
            raise ValeurInvalide(f"atelier déjà importé ({valeur})")
        return valeur

    def lire_annee(self, valeur):
        try:
            annee = int(valeur)
        except ValueError:
            raise ValeurInvalide(f"année attendue, par exemple 2021 ({valeur})") from None
        if not PREMIERE_ANNEE <= annee <= self.aujourd_hui.year:
            raise ValeurInvalide(
                f"année entre {PREMIERE_ANNEE} et {self.aujourd_hui.year} attendue ({valeur})"
            )
        return annee

    def lire_titre(self, valeur):
        return _texte(valeur, 200)

    def lire_echelle(self, valeur):
        for choix in Echelle:
            if cle(valeur) in (choix.value, cle(choix.label)):
                return choix.value
        possibles = ", ".join(choix.label for choix in Echelle)
        raise ValeurInvalide(f"échelle inconnue ({valeur}) ; échelles possibles : {possibles}")

    def lire_communes(self, valeur):
        codes = list(dict.fromkeys(_codes(valeur)))
        inconnues = [code for code in codes if code not in self.communes]
        if len(inconnues) == 1:
            raise ValeurInvalide(f"commune inconnue du référentiel ({inconnues[0]})")
        if inconnues:
            raise ValeurInvalide(f"communes inconnues du référentiel ({', '.join(inconnues)})")
        return [self.communes[code] for code in codes]

    def lire_epci(self, valeur):
        if not valeur:
            return None
        siren = valeur.replace(" ", "")
        if not re.fullmatch(r"\d{9}", siren):
            raise ValeurInvalide(f"numéro SIREN de 9 chiffres attendu ({valeur})")
        if siren not in self.epcis:
            raise ValeurInvalide(f"EPCI inconnu du référentiel ({valeur})")
        return self.epcis[siren]

    def lire_service(self, valeur):
        return _trouver(
            self.services,
            valeur,
            "service déconcentré inconnu ({}) : indiquez son nom tel que l'annuaire l'affiche",
        )

    def lire_accord_cadre(self, valeur):
        try:
            return self.accords[valeur.upper()]
        except KeyError:
            raise ValeurInvalide(f"accord-cadre inconnu ({valeur})") from None

    def lire_titulaire(self, valeur):
        return valeur  # resolved with its accord-cadre, in ``_titulaire``

    def _titulaire(self, accord, valeur, refuser):
        titulaires = self.titulaires.get(accord.pk, {})
        if cle(valeur) in titulaires:
            return titulaires[cle(valeur)]
        noms = sorted({t.nom for t in titulaires.values()})
        refuser(
            "titulaire",
            f"« {valeur} » n'est pas un titulaire de l'accord-cadre {accord.reference} "
            f"(titulaires : {', '.join(noms) or 'aucun'})",
        )
        return None

    def lire_thematiques(self, valeur):
        return [
            _trouver(self.thematiques, libelle, "thématique inconnue ({})")
            for libelle in _elements(valeur)
        ]

    def lire_date_cloture(self, valeur):
        for format_ in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                jour = datetime.strptime(valeur, format_).date()
                break
            except ValueError:
                continue
        else:
            raise ValeurInvalide(f"date JJ/MM/AAAA ou AAAA-MM-JJ attendue ({valeur})")
        if jour > self.aujourd_hui:
            raise ValeurInvalide(f"date dans le futur ({valeur})")
        return jour

    def lire_montant_ht(self, valeur):
        if not valeur:
            return MONTANT_PAR_DEFAUT
        return lire_montant(valeur)

    def lire_latitude(self, valeur):
        return _coordonnee(valeur, LATITUDES, "latitude")

    def lire_longitude(self, valeur):
        return _coordonnee(valeur, LONGITUDES, "longitude")

    def lire_maitrise_ouvrage(self, valeur):
        return _texte(valeur, 300)

    def lire_contexte(self, valeur):
        return valeur

    lire_enjeux = lire_productions = lire_suites = lire_contexte

    def lire_axes(self, valeur):
        return [_texte(titre, 200) for titre in _elements(valeur)]

    def lire_exemple_inspirant(self, valeur):
        if not valeur:
            return False
        try:
            return OUI_NON[cle(valeur)]
        except KeyError:
            raise ValeurInvalide(f"« oui » ou « non » attendu ({valeur})") from None

    def _coordonnees(self, numero, champs, refuser):
        """Both or neither; set on the row's first commune, the same wherever it appears."""
        latitude, longitude = champs.get("latitude"), champs.get("longitude")
        if (latitude is None) != (longitude is None):
            if "latitude" not in champs or "longitude" not in champs:
                return  # one is invalid: already reported
            manque, donnee = (
                ("longitude", "latitude") if longitude is None else ("latitude", "longitude")
            )
            refuser(manque, f"manquante alors que la {donnee} est donnée")
            return
        if latitude is None:
            return
        communes = champs.get("communes")
        if communes == []:
            refuser("latitude", "coordonnées données sans commune pour les porter")
            return
        if not communes:
            return
        code = communes[0].code
        vues = self.coordonnees_vues.setdefault(code, (latitude, longitude, numero))
        if vues[:2] != (latitude, longitude):
            refuser(
                "latitude",
                f"coordonnées de la commune {code} différentes de celles de la ligne {vues[2]} "
                f"({latitude} ; {longitude})",
            )


def _codes(valeur):
    return [code.upper() for code in re.split(r"[|,;\s]+", valeur) if code]


def _elements(valeur):
    return [element.strip() for element in valeur.split("|") if element.strip()]


def _index(objets, noms):
    """``{clé: [objects]}``: a name shared by two objects is ambiguous, not a match."""
    index = {}
    for objet in objets:
        for nom in noms(objet):
            index.setdefault(cle(nom), []).append(objet)
    return index


def _trouver(index, valeur, inconnu):
    trouves = index.get(cle(valeur), [])
    if len(trouves) == 1:
        return trouves[0]
    if trouves:
        raise ValeurInvalide(f"nom ambigu, porté par {len(trouves)} entrées ({valeur})")
    raise ValeurInvalide(inconnu.format(valeur))


def _texte(valeur, longueur):
    if len(valeur) > longueur:
        apercu = f"{valeur[:60]}…" if len(valeur) > 60 else valeur
        raise ValeurInvalide(f"{longueur} caractères au plus, {len(valeur)} ici ({apercu})")
    return valeur


def _decimal(valeur):
    """A number as a French or an English spreadsheet writes it: ``19 800,50``, ``19800.50``,
    ``19.800,50`` or ``19,800.50`` (the last separator is the decimal one)."""
    texte = re.sub(r"[\s\u00a0\u202f€]", "", valeur)
    if "," in texte and "." in texte:
        milliers = "." if texte.rfind(",") > texte.rfind(".") else ","
        texte = texte.replace(milliers, "")
    texte = texte.replace(",", ".")
    try:
        nombre = Decimal(texte)
    except InvalidOperation:
        raise ValueError(valeur) from None
    if not nombre.is_finite():
        raise ValueError(valeur)
    return nombre


def lire_montant(valeur):
    """An amount HT in euros, positive, with two decimals at most."""
    try:
        montant = _decimal(valeur)
    except ValueError:
        raise ValeurInvalide(f"montant attendu, par exemple 19 800,00 ({valeur})") from None
    if montant <= 0:
        raise ValeurInvalide(f"montant positif attendu ({valeur})")
    if montant.as_tuple().exponent < -2:
        raise ValeurInvalide(f"deux décimales au plus ; pas de point entre les milliers ({valeur})")
    if montant >= Decimal("100000000"):
        raise ValeurInvalide(f"montant trop élevé ({valeur})")
    return montant.quantize(Decimal("0.01"))


def _coordonnee(valeur, bornes, nom):
    """A WGS 84 decimal degree within France's bounds, kept to five decimals (about 1 m)."""
    if not valeur:
        return None
    try:
        nombre = _decimal(valeur)
    except ValueError:
        raise ValeurInvalide(
            f"nombre décimal de degrés attendu, par exemple 49,9317 ({valeur})"
        ) from None
    if not bornes[0] <= nombre <= bornes[1]:
        raise ValeurInvalide(
            f"{nom} entre {bornes[0]} et {bornes[1]} attendue, en France ({valeur})"
        )
    return nombre.quantize(Decimal("0.00001"), rounding=ROUND_HALF_UP)

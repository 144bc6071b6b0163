"""The programme's history (2019 onwards): past ateliers loaded from a CSV file.

Reading and writing are two steps. ``lire`` checks the whole file against the référentiels and
returns the rows, ready to import, or raises ``HistoriqueInvalide`` listing every bad row at
once (so that a file is fixed in one pass, not one error per run). ``importer`` then creates
them in one transaction: closed ateliers flagged ``historique``, shown in the public catalogue,
with their fiche synthétique and the axes of their feuille de route; any error leaves the base
as it was. The column layout is documented in ``docs/import-historique.md``; a test imports
its example file into the demo, so the two cannot drift apart.

Imported ateliers have no bon de commande, no livrable file and no attribution by the
tourniquet: their work predates the portal.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ateliers.models import Atelier, Phase
from candidatures.models import Candidature, Echelle, Statut
from comptes.models import Organisation, Role
from journal.models import enregistrer
from livrables.models import Axe, FicheSynthetique
from marches.models import AccordCadre, Titulaire
from referentiels.models import EPCI, Commune, Thematique
from socle.decisions import OUI, non

PREMIERE_ANNEE = 2019

# Required in the header; every value required too, except ``communes`` when ``epci`` is given.
COLONNES_OBLIGATOIRES = (
    "reference",
    "annee",
    "titre",
    "echelle",
    "communes",
    "service",
    "accord_cadre",
    "titulaire",
    "date_cloture",
)
# May be left out of the header altogether.
COLONNES_FACULTATIVES = (
    "epci",
    "thematiques",
    "montant_ht",
    "latitude",
    "longitude",
    "maitrise_ouvrage",
    "contexte",
    "enjeux",
    "productions",
    "suites",
    "axes",
    "exemple_inspirant",
)
COLONNES = COLONNES_OBLIGATOIRES + COLONNES_FACULTATIVES

MONTANT_PAR_DEFAUT = Decimal("20000.00")
# France with its overseas territories, roughly (La Réunion to Dunkerque, Guyane to Mayotte).
LATITUDES = (Decimal(-22), Decimal(52))
LONGITUDES = (Decimal(-62), Decimal(56))

OUI_NON = {"oui": True, "vrai": True, "1": True, "non": False, "faux": False, "0": False}


class HistoriqueInvalide(Exception):
    """The file cannot be imported; ``erreurs`` says why, in French, one line per problem."""

    def __init__(self, erreurs):
        self.erreurs = list(erreurs)
        nombre = len(self.erreurs)
        titre = (
            f"Fichier refusé, rien n'a été importé ({nombre} erreur{'s' if nombre > 1 else ''}) :"
        )
        super().__init__("\n".join([titre, *(f"- {e}" for e in self.erreurs)]))


def peut_importer(user):
    """Only a DGALN administrator loads the programme's history."""
    if not (user.is_active and user.role == Role.ADMINISTRATEUR):
        role = Role(user.role).label if user.role in Role.values else "sans rôle"
        etat = "" if user.is_active else ", désactivé"
        return non(
            f"Seul un administrateur DGALN peut importer l'historique : le compte "
            f"« {user.email} » est « {role} »{etat}."
        )
    return OUI


@dataclass
class Ligne:
    """One checked row of the file, its references resolved to objects."""

    numero: int
    reference: str
    annee: int
    titre: str
    echelle: str
    communes: list
    service: Organisation
    accord_cadre: AccordCadre
    titulaire: Titulaire
    date_cloture: date
    epci: EPCI | None = None
    thematiques: list = field(default_factory=list)
    montant_ht: Decimal = MONTANT_PAR_DEFAUT
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    maitrise_ouvrage: str = ""
    contexte: str = ""
    enjeux: str = ""
    productions: str = ""
    suites: str = ""
    axes: list = field(default_factory=list)
    exemple_inspirant: bool = False


class ValeurInvalide(Exception):
    """What is wrong with one cell, in French (the caller adds the line and the column)."""


# -- Reading -----------------------------------------------------------------------------------


def cle(texte):
    """Compare names loosely: no case, no accents, one kind of dash, apostrophe and space."""
    texte = unicodedata.normalize("NFKD", texte or "")
    texte = "".join(c for c in texte if not unicodedata.combining(c)).lower()
    texte = re.sub(r"[\u2010-\u2015\u2212]", "-", texte).replace("\u2019", "'")
    return " ".join(texte.split())


def decoder(contenu):
    """The file's text: UTF-8, with or without the byte-order mark that Excel writes."""
    try:
        return contenu.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HistoriqueInvalide(
            [
                f"Le fichier n'est pas encodé en UTF-8 (octet invalide à la position "
                f"{exc.start}) : enregistrez-le au format « CSV UTF-8 »."
            ]
        ) from exc


def separateur(entete):
    """``;`` (French spreadsheets), ``,`` or a tab: whichever the header line uses most."""
    return max((";", ",", "\t"), key=entete.count)


def lire_fichier(chemin):
    """``lire`` on a file of the disk."""
    return lire(Path(chemin).read_bytes())


def lire(contenu):
    """Check the CSV file ``contenu`` (bytes); return its rows as ``Ligne`` objects, or raise
    ``HistoriqueInvalide`` with every problem found. Reads the base, never writes it."""
    texte = decoder(contenu)
    if not texte.strip():
        raise HistoriqueInvalide(["Le fichier est vide."])
    premiere = next(ligne for ligne in texte.splitlines() if ligne.strip())
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=separateur(premiere))
    entete = []
    while not any(nom.strip() for nom in entete):
        entete = next(lecteur, None)
        if entete is None:
            raise HistoriqueInvalide(["Le fichier est vide."])
    colonnes = verifier_entete(entete)

    brutes = []
    erreurs = []
    while True:
        numero = lecteur.line_num + 1  # the row's first line (a quoted text may span several)
        try:
            valeurs = next(lecteur)
        except StopIteration:
            break
        if not any(v.strip() for v in valeurs):
            continue
        while len(valeurs) > len(colonnes) and not valeurs[-1].strip():
            valeurs.pop()  # trailing separators
        if len(valeurs) > len(colonnes):
            erreurs.append(
                f"ligne {numero} : {len(valeurs)} valeurs pour {len(colonnes)} colonnes (un "
                f"texte contient-il le séparateur sans être entre guillemets ?)"
            )
            continue
        brutes.append((numero, dict(zip(colonnes, (v.strip() for v in valeurs), strict=False))))
    if not brutes and not erreurs:
        raise HistoriqueInvalide(["Le fichier ne contient aucun atelier, seulement l'en-tête."])

    verificateur = Verificateur(brutes)
    lignes = []
    for numero, valeurs in brutes:
        ligne, problemes = verificateur.verifier(numero, valeurs)
        erreurs.extend(problemes)
        if ligne:
            lignes.append(ligne)
    if erreurs:
        raise HistoriqueInvalide(sorted(erreurs, key=_numero_de_ligne))
    return lignes


def _numero_de_ligne(erreur):
    return int(re.match(r"ligne (\d+)", erreur).group(1))


def verifier_entete(entete):
    """The header's column names, normalised (``Année`` reads ``annee``, ``accord-cadre``
    reads ``accord_cadre``); a missing, unknown or repeated column refuses the whole file."""
    colonnes = [cle(nom).replace(" ", "_").replace("-", "_") for nom in entete]
    while colonnes and not colonnes[-1]:  # trailing separators
        colonnes.pop()
    erreurs = [
        f"Colonne sans nom en position {position} de l'en-tête."
        for position, nom in enumerate(colonnes, start=1)
        if not nom
    ]
    manquantes = [c for c in COLONNES_OBLIGATOIRES if c not in colonnes]
    if manquantes:
        erreurs.append(f"Colonnes obligatoires absentes de l'en-tête : {_liste(manquantes)}.")
    inconnues = [nom for nom, c in zip(entete, colonnes, strict=False) if c and c not in COLONNES]
    if inconnues:
        erreurs.append(
            f"Colonnes inconnues dans l'en-tête : {_liste(inconnues)} (colonnes possibles : "
            f"{', '.join(COLONNES)})."
        )
    doubles = sorted({c for c in colonnes if c and colonnes.count(c) > 1})
    if doubles:
        erreurs.append(f"Colonnes en double dans l'en-tête : {_liste(doubles)}.")
    if erreurs:
        raise HistoriqueInvalide(erreurs)
    return colonnes


def _liste(noms):
    return ", ".join(f"« {nom} »" for nom in noms)


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


# -- Writing -----------------------------------------------------------------------------------


@transaction.atomic
def importer(auteur, lignes, fichier=""):
    """Create the ateliers of ``lignes`` (from ``lire``), all of them or none; return them.

    ``auteur`` (a DGALN administrator) is recorded as the author of the files and in the
    journal.
    """
    decision = peut_importer(auteur)
    if not decision:
        raise HistoriqueInvalide([decision.raison])
    # Checked again: another import may have run since ``lire``.
    deja = set(
        Atelier.objects.filter(
            reference_historique__in=[ligne.reference for ligne in lignes]
        ).values_list("reference_historique", flat=True)
    )
    if deja:
        raise HistoriqueInvalide(
            f"ligne {ligne.numero} : colonne « reference » : atelier déjà importé "
            f"({ligne.reference})"
            for ligne in lignes
            if ligne.reference in deja
        )
    ateliers = []
    for ligne in lignes:
        try:
            ateliers.append(_creer(auteur, ligne, fichier))
        except ValidationError as exc:  # a rule of the models that ``lire`` did not know
            messages = "; ".join(f"{k} : {' '.join(v)}" for k, v in exc.message_dict.items())
            raise HistoriqueInvalide([f"ligne {ligne.numero} : {messages}"]) from exc
    return ateliers


def _creer(auteur, ligne, fichier):
    candidature = Candidature(
        titre=ligne.titre,
        description=ligne.contexte,
        annee=ligne.annee,
        statut=Statut.ATTRIBUEE,
        echelle=ligne.echelle,
        service=ligne.service,
        epci=ligne.epci,
        enjeux=ligne.enjeux,
        cree_par=auteur,
    )
    candidature.full_clean()
    candidature.save()
    candidature.communes.set(ligne.communes)
    candidature.thematiques.set(ligne.thematiques)
    candidature.mettre_a_jour_recherche()

    atelier = Atelier(
        candidature=candidature,
        accord_cadre=ligne.accord_cadre,
        titulaire=ligne.titulaire,
        service_pilote=ligne.service,
        montant_ht=ligne.montant_ht,
        statut=Phase.CLOTURE,
        date_cloture=ligne.date_cloture,
        exemple_inspirant=ligne.exemple_inspirant,
        historique=True,
        reference_historique=ligne.reference,
    )
    atelier.full_clean()
    atelier.save()
    atelier.preparer_suivi()
    # The planning's actual dates are unknown, except the end: the closure.
    atelier.planning.filter(phase=Phase.CADRAGE).update(debut_reel=None)
    atelier.planning.filter(phase=Phase.RESTITUTION).update(fin_reelle=ligne.date_cloture)

    FicheSynthetique.objects.create(
        atelier=atelier,
        annee=ligne.annee,
        territoire=candidature.territoire()[:300],
        maitrise_ouvrage=ligne.maitrise_ouvrage or str(ligne.service),
        contexte=ligne.contexte,
        enjeux=ligne.enjeux,
        productions=ligne.productions,
        suites=ligne.suites,
        modifie_par=auteur,
    )
    Axe.objects.bulk_create(
        Axe(atelier=atelier, ordre=ordre, titre=titre)
        for ordre, titre in enumerate(ligne.axes, start=1)
    )
    if ligne.latitude is not None and ligne.communes:
        Commune.objects.filter(pk=ligne.communes[0].pk).update(
            latitude=ligne.latitude, longitude=ligne.longitude
        )

    source = f" ; fichier {fichier}" if fichier else ""
    commentaire = (
        f"Référence historique {ligne.reference} ; clôturé le "
        f"{ligne.date_cloture:%d/%m/%Y}{source}."
    )
    enregistrer(
        candidature,
        auteur,
        "import_historique",
        "Dossier importé de l'historique",
        "",
        Statut.ATTRIBUEE,
        commentaire,
    )
    enregistrer(
        atelier,
        auteur,
        "import_historique",
        "Atelier importé de l'historique",
        "",
        Phase.CLOTURE,
        commentaire,
    )
    return atelier

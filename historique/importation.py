"""The programme's history (2019 onwards): past ateliers loaded from a CSV file.

Reading and writing are two steps. ``lire`` checks the whole file against the référentiels and
returns the rows, ready to import, or raises ``HistoriqueInvalide`` listing every bad row at
once (so that a file is fixed in one pass, not one error per run). ``importer`` then creates
them in one transaction: closed ateliers flagged ``historique``, shown in the public catalogue,
with their fiche synthétique and the axes of their feuille de route; any error leaves the base
as it was. The column layout (``colonnes``) is documented in ``docs/import-historique.md``; a test
imports its example file into the demo, so the two cannot drift apart. Each cell is checked by
``verification``; only a DGALN administrator imports (``permissions``).

Imported ateliers have no bon de commande, no livrable file and no attribution by the
tourniquet: their work predates the portal.
"""

import csv
import io
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction

from ateliers.models import Atelier, Phase
from candidatures.models import Candidature, StatutCandidature
from journal.models import enregistrer
from livrables.models import Axe, FicheSynthetique
from referentiels.models import Commune

from .colonnes import COLONNES, COLONNES_OBLIGATOIRES, HistoriqueInvalide, cle
from .permissions import peut_importer
from .verification import Verificateur


class ActionHistorique(models.TextChoices):
    """The journal's code for a file and its atelier imported from the history."""

    IMPORT = "import_historique", "Importé de l'historique"


# -- Reading -----------------------------------------------------------------------------------


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
        statut=StatutCandidature.ATTRIBUEE,
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
        phase=Phase.CLOTURE,
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
        ActionHistorique.IMPORT,
        "Dossier importé de l'historique",
        "",
        StatutCandidature.ATTRIBUEE,
        commentaire,
    )
    enregistrer(
        atelier,
        auteur,
        ActionHistorique.IMPORT,
        "Atelier importé de l'historique",
        "",
        Phase.CLOTURE,
        commentaire,
    )
    return atelier

"""The fiche de candidature: its sections, what makes it complete, and what changed.

It reads the models; the models know nothing of it, and ``permissions`` builds on it.

The sections (rubriques) are the steps of the form, the parts a reviewer can reopen when
asking for complements, and the headings of the summary: one list says them all.
"""

from dataclasses import dataclass

from antivirus.models import EtatAnalyse

from .models import Candidature, Piece


@dataclass(frozen=True)
class Rubrique:
    code: str
    titre: str
    champs: tuple = ()


TERRITOIRE = Rubrique(
    "territoire",
    "Territoire et intention",
    ("titre", "description", "echelle", "communes", "epci"),
)
STRATEGIE = Rubrique(
    "strategie",
    "Stratégie et enjeux",
    (
        "strategie",
        "thematiques",
        "secteur",
        "enjeux",
        "problematiques",
        "objectifs",
        "dynamiques",
        "programmes_anct",
    ),
)
ACTEURS = Rubrique("acteurs", "Acteurs et ressources documentaires")
CONTACTS = Rubrique(
    "contacts",
    "Contacts et période souhaitée",
    (
        "ref_collectivite_nom",
        "ref_collectivite_fonction",
        "ref_collectivite_email",
        "ref_collectivite_telephone",
        "ref_service_nom",
        "ref_service_fonction",
        "ref_service_email",
        "ref_service_telephone",
        "periode_debut",
        "periode_fin",
    ),
)
PIECES = Rubrique("pieces", "Pièces du dossier")

RUBRIQUES = (TERRITOIRE, STRATEGIE, ACTEURS, CONTACTS, PIECES)
PAR_CODE = {r.code: r for r in RUBRIQUES}
CHOIX_RUBRIQUES = [(r.code, r.titre) for r in RUBRIQUES]

# What a complete fiche holds: (rubrique, test, what the service is told is missing).
_EXIGENCES = (
    (TERRITOIRE, lambda c: c.titre.strip(), "le titre du projet"),
    (TERRITOIRE, lambda c: c.echelle, "l'échelle du projet"),
    (
        TERRITOIRE,
        lambda c: c.epci_id or c.communes.exists(),
        "le territoire (au moins une commune ou un EPCI)",
    ),
    (STRATEGIE, lambda c: c.strategie.strip(), "l'intention de la stratégie d'aménagement"),
    (STRATEGIE, lambda c: c.thematiques.exists(), "au moins une thématique"),
    (STRATEGIE, lambda c: c.secteur.strip(), "le secteur et le périmètre de réflexion"),
    (STRATEGIE, lambda c: c.enjeux.strip(), "les enjeux"),
    (STRATEGIE, lambda c: c.problematiques.strip(), "les problématiques"),
    (STRATEGIE, lambda c: c.objectifs.strip(), "les objectifs"),
    (ACTEURS, lambda c: c.acteurs.exists(), "au moins un acteur à mobiliser"),
    (
        CONTACTS,
        lambda c: c.ref_collectivite_nom.strip() and c.ref_collectivite_email,
        "le nom et l'adresse e-mail du référent de la collectivité",
    ),
    (
        CONTACTS,
        lambda c: c.ref_service_nom.strip() and c.ref_service_email,
        "le nom et l'adresse e-mail du référent du service",
    ),
    (CONTACTS, lambda c: c.periode_debut, "la période souhaitée pour l'atelier"),
    (
        PIECES,
        lambda c: c.pieces.filter(type=Piece.Type.LETTRE_COLLECTIVITE).offerts().exists(),
        lambda c: _courrier(
            c,
            Piece.Type.LETTRE_COLLECTIVITE,
            "le courrier de soutien signé du maire ou du président de l'EPCI",
        ),
    ),
    (
        PIECES,
        lambda c: c.pieces.filter(type=Piece.Type.LETTRE_PREFET).offerts().exists(),
        lambda c: _courrier(
            c, Piece.Type.LETTRE_PREFET, "le courrier de soutien signé du préfet ou du sous-préfet"
        ),
    ),
)


def _courrier(candidature, type_piece, libelle):
    """A letter counts once the antivirus found it clean: say why an uploaded one does not."""
    etats = set(candidature.pieces.filter(type=type_piece).values_list("analyse", flat=True))
    if EtatAnalyse.EN_ANALYSE in etats:
        return f"{libelle} (le fichier déposé est en cours d'analyse antivirus)"
    if EtatAnalyse.INFECTE in etats:
        return f"{libelle} (le fichier déposé a été refusé : virus détecté ; déposez-en un autre)"
    return libelle


def elements_manquants(candidature):
    """What stops the deposit, as ``[(rubrique, message), …]`` in the order of the fiche."""
    return [
        (r, message(candidature) if callable(message) else message)
        for r, test, message in _EXIGENCES
        if not test(candidature)
    ]


def _texte(valeur):
    if valeur is None:
        return ""
    if hasattr(valeur, "strftime"):
        return valeur.strftime("%d/%m/%Y")
    return str(valeur)


def _libelle(rubrique, champ):
    return f"{rubrique.titre} — {champ.verbose_name[:1].upper()}{champ.verbose_name[1:]}"


def _champs_instantane():
    for rubrique in (TERRITOIRE, STRATEGIE, CONTACTS):
        for nom in rubrique.champs:
            champ = Candidature._meta.get_field(nom)
            yield _libelle(rubrique, champ), nom, champ


AUTRES_ENTREES = ("Acteurs à mobiliser", "Ressources documentaires", "Pièces")


def entrees_instantane():
    """The labels of a snapshot in the order of the fiche (the database may not keep it)."""
    return [libelle for libelle, _, _ in _champs_instantane()] + list(AUTRES_ENTREES)


def instantane(candidature):
    """What the file holds now, as labelled text (kept with each deposit)."""
    champs = {}
    for libelle, nom, champ in _champs_instantane():
        if champ.many_to_many:
            valeur = "\n".join(sorted(str(o) for o in getattr(candidature, nom).all()))
        elif champ.choices:
            valeur = getattr(candidature, f"get_{nom}_display")()
        else:
            valeur = _texte(getattr(candidature, nom))
        champs[libelle] = valeur
    champs["Acteurs à mobiliser"] = "\n".join(
        f"{a.nom} ({a.role})" if a.role else a.nom for a in candidature.acteurs.all()
    )
    champs["Ressources documentaires"] = "\n".join(
        " — ".join(filter(None, [r.titre, r.description, r.nom_fichier]))
        for r in candidature.ressources.all()
    )
    champs["Pièces"] = "\n".join(
        f"{p.get_type_display()} : {p.nom_fichier}" for p in candidature.pieces.all()
    )
    return champs


def differences(avant, apres):
    """``[(libellé, avant, après)]`` for every entry that changed between two snapshots."""
    libelles = list(dict.fromkeys([*avant, *apres]))
    return [
        (libelle, avant.get(libelle, ""), apres.get(libelle, ""))
        for libelle in libelles
        if avant.get(libelle, "") != apres.get(libelle, "")
    ]

"""The demo's accounts: one per role, a prestataire per groupement in force, and the people of
two collectivités co-porteurs of the DDTM 80's files. ``comptes_demo`` (in ``demo.donnees``)
prints them and the README's table is kept equal to that print by a test."""

from dataclasses import dataclass

from django.conf import settings

from comptes.models import Role

MOT_DE_PASSE_DEMO = "AtelierFlash-demo-2026"


@dataclass
class CompteDemo:
    email: str
    role: str
    organisation: str
    description: str


NOM_DGALN = f"DGALN — DHUP — {settings.BUREAU_DU_PROGRAMME}"


@dataclass(frozen=True)
class Compte:
    email: str
    prenom: str
    nom: str
    role: str
    # "ddtm80", "ddtm35", "dgaln", a commune's INSEE code ("80253") or a company's name
    organisation: str
    fonction: str


# One account per role, and a prestataire per groupement in force; ``comptes_demo`` prints
# them and the README's table is kept equal to that print by a test.
COMPTES = {
    "agent": Compte(
        "agent.ddtm80@demo.gouv.fr",
        "Camille",
        "Lefèvre",
        Role.AGENT,
        "ddtm80",
        "Chargée de mission aménagement",
    ),
    "agent35": Compte(
        "agent.ddtm35@demo.gouv.fr",
        "Yann",
        "Le Goff",
        Role.AGENT,
        "ddtm35",
        "Chef de l'unité planification",
    ),
    "instructeur": Compte(
        "instructeur@demo.gouv.fr",
        "Sophie",
        "Martin",
        Role.INSTRUCTEUR,
        "dgaln",
        "Chargée de mission Ateliers Flash (AD1)",
    ),
    "admin": Compte(
        "admin@demo.gouv.fr",
        "Julien",
        "Bernard",
        Role.ADMINISTRATEUR,
        "dgaln",
        "Administrateur du programme (AD1)",
    ),
    "ville_ouverte": Compte(
        "prestataire@ville-ouverte.demo",
        "Léa",
        "Morel",
        Role.PRESTATAIRE,
        "Ville Ouverte",
        "Architecte-urbaniste",
    ),
    "ourcq": Compte(
        "prestataire@atelier-ourcq.demo",
        "Hugo",
        "Petit",
        Role.PRESTATAIRE,
        "Atelier de l'Ourcq",
        "Urbaniste",
    ),
    "polau": Compte(
        "prestataire@polau.demo",
        "Maud",
        "Girard",
        Role.PRESTATAIRE,
        "POLAU – pôle arts & urbanisme",
        "Cheffe de projet arts et urbanisme",
    ),
    # Co-porteurs: the commune of an open file of the DDTM 80 (Albert, its fiche in draft),
    # and that of the closed atelier of Doullens (site Sueur).
    "albert": Compte(
        "urbanisme@ville-albert.demo",
        "Élodie",
        "Caron",
        Role.COLLECTIVITE,
        "80016",
        "Adjointe au maire chargée de l'urbanisme",
    ),
    "doullens": Compte(
        "dgs@ville-doullens.demo",
        "Thomas",
        "Vasseur",
        Role.COLLECTIVITE,
        "80253",
        "Directeur général des services",
    ),
}

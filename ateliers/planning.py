"""The planning's warnings: an atelier should last 4 to 8 months, and each phase keep its dates.

Pure functions over the planning lines, so the rule is tested without a database and the same
words reach the atelier's page and the dashboards.
"""

import calendar
import datetime
from dataclasses import dataclass

from .models import Phase

DUREE_MIN_MOIS = 4
DUREE_MAX_MOIS = 8


def ajouter_mois(jour, mois):
    """``jour`` plus ``mois`` calendar months (31 January + 1 month = 28 or 29 February)."""
    annee, rang = divmod(jour.month - 1 + mois, 12)
    annee += jour.year
    mois_cible = rang + 1
    dernier = calendar.monthrange(annee, mois_cible)[1]
    return datetime.date(annee, mois_cible, min(jour.day, dernier))


@dataclass(frozen=True)
class Alerte:
    message: str
    phase: str = ""


def duree_prevue(etapes):
    """(first planned start, last planned end), or None while either is unknown."""
    debuts = [e.debut_prevu for e in etapes if e.debut_prevu]
    fins = [e.fin_prevue for e in etapes if e.fin_prevue]
    if not debuts or not fins:
        return None
    return min(debuts), max(fins)


def en_retard(etape, aujourd_hui):
    """A phase is late when its planned end has passed and it has not ended, or its planned
    start has passed and it has not started."""
    if etape.fin_prevue and etape.fin_prevue < aujourd_hui and not etape.fin_reelle:
        return f"devait se terminer le {etape.fin_prevue:%d/%m/%Y}"
    if etape.debut_prevu and etape.debut_prevu < aujourd_hui and not etape.debut_reel:
        return f"devait commencer le {etape.debut_prevu:%d/%m/%Y}"
    return ""


def alertes(phase, etapes, aujourd_hui):
    """Warnings for an atelier in phase ``phase`` with planning lines ``etapes``."""
    if phase == Phase.CLOTURE:
        return []
    resultat = []
    periode = duree_prevue(etapes)
    if periode:
        debut, fin = periode
        if fin > ajouter_mois(debut, DUREE_MAX_MOIS):
            resultat.append(
                Alerte(
                    f"Le planning court du {debut:%d/%m/%Y} au {fin:%d/%m/%Y} : il dépasse les "
                    f"{DUREE_MAX_MOIS} mois qu'un Atelier Flash doit durer au plus."
                )
            )
        elif etapes[-1].fin_prevue == fin and fin < ajouter_mois(debut, DUREE_MIN_MOIS):
            # Only a complete planning (the restitution's end known) can be too short.
            resultat.append(
                Alerte(
                    f"Le planning court du {debut:%d/%m/%Y} au {fin:%d/%m/%Y} : moins des "
                    f"{DUREE_MIN_MOIS} mois habituels d'un Atelier Flash."
                )
            )
    for etape in etapes:
        retard = en_retard(etape, aujourd_hui)
        if retard:
            resultat.append(
                Alerte(f"La phase « {etape.get_phase_display()} » {retard}.", etape.phase)
            )
    return resultat

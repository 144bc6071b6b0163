"""The planning's warnings: an atelier should last 4 to 8 months, its animation sur site 2 to
3 days, and each phase keep its dates.

Pure functions over the planning lines, so the rule is tested without a database and the same
words reach the atelier's page, the dashboards and the page that changes the phase (whose
warnings do not block: the person confirms the date, and the journal keeps the warning).
"""

import calendar
import datetime
from dataclasses import dataclass

from socle.formats import date_longue

from .models import Phase

DUREE_MIN_MOIS = 4
DUREE_MAX_MOIS = 8
SUR_SITE_MAX_JOURS = 7  # the programme plans 2 to 3 days on site; a week is already a lot


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


def mois_entre(debut, fin):
    """Whole calendar months from ``debut`` to ``fin`` (4 January → 3 May: 3 months)."""
    mois = (fin.year - debut.year) * 12 + fin.month - debut.month
    if mois > 0 and ajouter_mois(debut, mois) > fin:
        mois -= 1
    return max(mois, 0)


def _au_bout_de(debut, fin):
    mois, jours = mois_entre(debut, fin), (fin - debut).days
    if mois >= DUREE_MAX_MOIS:
        return f"au bout de {_plus_de(mois)} mois"
    if mois:
        return f"au bout de {mois} mois"
    if jours:
        return f"au bout de {jours} jour{'s' if jours > 1 else ''}"
    return "le jour même"


def _plus_de(mois):
    """« 10 », or « plus de 8 » for an atelier just past its 8 months."""
    return str(mois) if mois > DUREE_MAX_MOIS else f"plus de {DUREE_MAX_MOIS}"


def alertes_du_changement(quittee, jour, etapes, debut_atelier):
    """What is implausible in leaving phase ``quittee`` on ``jour`` (the restitution is left
    by the closure), in words: an animation sur site shorter than a day or longer than a
    week, an atelier (from its attribution) shorter than 4 months or longer than 8.

    ``etapes``: the planning lines by phase; ``debut_atelier``: when the cadrage started.
    """
    alertes = []
    animation = etapes.get(Phase.ANIMATION)
    if quittee == Phase.ANIMATION and animation is not None and animation.debut_reel:
        debut, jours = animation.debut_reel, (jour - animation.debut_reel).days
        if jours < 1:
            alertes.append(
                f"L'animation sur site, commencée le {date_longue(debut)}, se terminerait le "
                "jour même : elle dure d'ordinaire 2 à 3 jours."
            )
        elif jours > SUR_SITE_MAX_JOURS:
            alertes.append(
                f"L'animation sur site, commencée le {date_longue(debut)}, aurait duré {jours} "
                "jours : elle dure d'ordinaire 2 à 3 jours, une semaine au plus."
            )
    if debut_atelier:
        attendu = f"un Atelier Flash dure de {DUREE_MIN_MOIS} à {DUREE_MAX_MOIS} mois"
        commence = f"L'atelier, commencé le {date_longue(debut_atelier)}"
        cloture = quittee == Phase.RESTITUTION
        if jour > ajouter_mois(debut_atelier, DUREE_MAX_MOIS):
            if cloture:
                alertes.append(
                    f"{commence}, serait clôturé le {date_longue(jour)}, "
                    f"{_au_bout_de(debut_atelier, jour)} : {attendu}."
                )
            else:
                alertes.append(
                    f"{commence}, dure déjà {_plus_de(mois_entre(debut_atelier, jour))} mois au "
                    f"{date_longue(jour)} : {attendu}."
                )
        elif cloture and jour < ajouter_mois(debut_atelier, DUREE_MIN_MOIS):
            alertes.append(
                f"{commence}, serait clôturé le {date_longue(jour)}, "
                f"{_au_bout_de(debut_atelier, jour)} : {attendu}."
            )
    return alertes

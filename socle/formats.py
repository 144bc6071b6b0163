"""Ground floor: how an amount and a date are written in French, once for the whole portal.

Pages (the ``euros`` and ``date_longue`` filters of ``{% load formats %}``), PDFs, e-mails and
refusal messages all call these two functions, so « 20 000,00 € » reads the same everywhere.
French typography (Imprimerie nationale): a narrow no-break space between groups of three
digits, a decimal comma, a no-break space before the € sign, so a line never breaks inside an
amount; a missing amount is a dash, as tables show an empty cell. Exports write amounts as
numbers instead (``exports.formats``), for spreadsheets to sum them.
"""

import re
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone
from django.utils.formats import date_format

ESPACE_FINE = "\u202f"  # narrow no-break space, between groups of digits
ESPACE_INSECABLE = "\u00a0"  # no-break space, before the currency sign
SANS_MONTANT = "—"


def euros(montant, decimales=2):
    """``Decimal("20000")`` → « 20 000,00 € »; ``None`` (or what is not a number) → « — »."""
    if montant is None or montant == "":
        return SANS_MONTANT
    try:
        arrondi = Decimal(str(montant)).quantize(
            Decimal(1).scaleb(-int(decimales)), rounding=ROUND_HALF_UP
        )
    except (InvalidOperation, ValueError):
        return SANS_MONTANT
    # Python groups with « , » and marks decimals with « . »: swap both for French.
    texte = f"{abs(arrondi):,.{int(decimales)}f}".replace(",", ESPACE_FINE).replace(".", ",")
    # « -0,00 € » would be a rounding artefact: only a real debt carries a minus sign.
    signe = "-" if arrondi < 0 else ""
    return f"{signe}{texte}{ESPACE_INSECABLE}€"


def _locale(moment):
    """A moment of time in the portal's time zone (a date stays as it is)."""
    if isinstance(moment, datetime) and timezone.is_aware(moment):
        return timezone.localtime(moment)
    return moment


def date_longue(jour):
    """« 1er septembre 2025 », « 25 novembre 2026 »: a date as a letter writes it."""
    if not jour:
        return ""
    jour = _locale(jour)
    texte = date_format(jour, "j F Y")
    return f"1er{texte[1:]}" if jour.day == 1 else texte


def date_heure_longue(moment):
    """« 1er décembre 2026 à 09:05 »: when something happened, in the portal's time zone."""
    if not moment:
        return ""
    moment = _locale(moment)
    return f"{date_longue(moment)} à {moment:%H:%M}"


def pluriel(nombre, suffixes="s"):
    """The French plural mark: ``"s"`` from 2 on (« 0 dossier », « 1 dossier », « 2 dossiers »),
    where Django's ``pluralize`` follows English (« 0 dossiers »). ``suffixes``:
    ``"s"``, or ``"singulier,pluriel"``."""
    singulier, _, marque = suffixes.rpartition(",") if "," in suffixes else ("", "", suffixes)
    try:
        pluriel_ = abs(float(nombre)) >= 2
    except (TypeError, ValueError):
        pluriel_ = len(nombre) >= 2
    return marque if pluriel_ else singulier


_DE_DEVANT_UNE_VOYELLE = re.compile(r"\bde ([aàâeéèêiîoôuûyhAÀÂEÉÈÊIÎOÔUÛYH])")


def elision(texte):
    """« Modification d’accord-cadre », « Affichage d’événement »: « de » elides before a
    vowel or a mute h (Django's admin titles say « Modification de accord-cadre »)."""
    return _DE_DEVANT_UNE_VOYELLE.sub(r"d’\1", str(texte))

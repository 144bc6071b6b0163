"""French formats for amounts, used by every template that shows money."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.formats import date_format

register = template.Library()

ESPACE_FINE = "\u202f"  # narrow no-break space, the French thousands separator


@register.filter
def euros(valeur, decimales=2):
    """20000 -> '20 000,00 €' (narrow no-break spaces, decimal comma)."""
    if valeur in (None, ""):
        return ""
    try:
        montant = Decimal(str(valeur)).quantize(
            Decimal(1).scaleb(-int(decimales)), rounding=ROUND_HALF_UP
        )
    except (InvalidOperation, ValueError):
        return ""
    signe = "-" if montant < 0 else ""
    entier, _, fraction = f"{abs(montant):.{int(decimales)}f}".partition(".")
    groupes = []
    while len(entier) > 3:
        groupes.insert(0, entier[-3:])
        entier = entier[:-3]
    groupes.insert(0, entier)
    texte = ESPACE_FINE.join(groupes)
    if fraction:
        texte += "," + fraction
    return f"{signe}{texte}\u00a0€"


@register.filter
def date_longue(valeur):
    """date(2025, 9, 1) -> '1er septembre 2025', as French typography writes the first day."""
    if not valeur:
        return ""
    texte = date_format(valeur, "j F Y")
    return "1er" + texte[1:] if valeur.day == 1 else texte

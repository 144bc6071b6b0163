"""Checks of the identifiers the State gives to organisations."""

from django.core.exceptions import ValidationError

# La Poste's SIREN: it has more establishments than the Luhn key can number, so one of its
# SIRET may instead have digits summing to a multiple of 5.
SIREN_LA_POSTE = "356000000"


def _luhn(chiffres):
    total = 0
    for i, c in enumerate(reversed(chiffres)):
        n = int(c) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def valider_siret(valeur):
    """A SIRET is 14 digits whose Luhn key is right."""
    chiffres = valeur
    if not (chiffres.isdigit() and len(chiffres) == 14):
        raise ValidationError(
            "Un SIRET compte 14 chiffres (9 pour le SIREN de l'entreprise, 5 pour "
            "l'établissement).",
            code="siret_format",
        )
    la_poste = chiffres.startswith(SIREN_LA_POSTE) and sum(map(int, chiffres)) % 5 == 0
    if not (_luhn(chiffres) or la_poste):
        raise ValidationError(
            "Ce SIRET n'existe pas : sa clé de contrôle est fausse. Vérifiez-le sur "
            "l'annuaire des entreprises.",
            code="siret_cle",
        )

"""The journal's codes of the bilans and follow-ups: they change no state, so there is no
table of transitions here (``services`` writes each event)."""

from django.db import models


class Journal(models.TextChoices):
    BILAN = "bilan", "Bilan de l'atelier rempli"
    BILAN_CORRIGE = "bilan_corrige", "Bilan de l'atelier corrigé"
    SUITE = "suite", "Suite de l'atelier renseignée"

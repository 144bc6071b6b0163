"""The programme's history: past ateliers (2019 onwards) loaded from a CSV file into the
candidatures, ateliers and livrables (``manage.py importer_historique``)."""

from django.apps import AppConfig


class HistoriqueConfig(AppConfig):
    name = "historique"
    verbose_name = "Historique du programme"

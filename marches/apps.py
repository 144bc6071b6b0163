"""Accords-cadres and their titulaires (groupements of prestataires)."""

from django.apps import AppConfig


class MarchesConfig(AppConfig):
    name = "marches"
    verbose_name = "Accords-cadres"

"""Territorial référentiel: régions, départements, communes and EPCI."""

from django.apps import AppConfig


class ReferentielsConfig(AppConfig):
    name = "referentiels"
    verbose_name = "Référentiels"

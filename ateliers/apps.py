"""Ateliers: the workshop run by a titulaire once a candidature is attributed."""

from django.apps import AppConfig


class AteliersConfig(AppConfig):
    name = "ateliers"
    verbose_name = "Ateliers"

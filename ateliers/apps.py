"""Ateliers: the workshop run by a titulaire once a candidature is attributed."""

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class AteliersConfig(AppConfig):
    name = "ateliers"
    verbose_name = "Ateliers"

    def ready(self):
        # The apps above the atelier (bons de commande, livrables) declare, in their
        # ``atelier`` module, their part of its page and their condition on its closure.
        autodiscover_modules("atelier")

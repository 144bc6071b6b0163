"""Bons de commande issued under an accord-cadre for an atelier."""

from django.apps import AppConfig


class CommandesConfig(AppConfig):
    name = "commandes"
    verbose_name = "Bons de commande"

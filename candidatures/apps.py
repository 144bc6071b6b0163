"""Candidatures: the file a service déconcentré builds with a collectivité."""

from django.apps import AppConfig


class CandidaturesConfig(AppConfig):
    name = "candidatures"
    verbose_name = "Candidatures"

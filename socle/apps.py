"""The ground floor: mechanisms every app shares, knowing none of them."""

from django.apps import AppConfig


class SocleConfig(AppConfig):
    name = "socle"
    verbose_name = "Socle commun"

    def ready(self):
        from . import checks  # noqa: F401  (registers the start's checks)

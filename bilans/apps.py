"""Bilans: what the collectivité and the pilot service say of a closed atelier, and what the
atelier led to (« Et après ? »)."""

from django.apps import AppConfig


class BilansConfig(AppConfig):
    name = "bilans"
    verbose_name = "Bilans et suites des ateliers"

    def ready(self):
        # The closure of an atelier asks both sides for their bilan (``demandes``).
        from . import demandes  # noqa: F401

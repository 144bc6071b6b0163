"""The demo's data (``manage.py charger_demo``): accounts for each role, files at every stage
of the review, ateliers at every phase, built through the real transitions.

It sits on the top floor: it may import any business app, and nothing of the product imports
it (only the tests do).
"""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
    verbose_name = "Démonstration"

"""Personal data: retention, anonymisation and the subject-access export, over every app.

The room runs what the apps declare in their ``donnees_personnelles`` modules (the registry,
``socle.donnees_personnelles``); it knows none of their fields.
"""

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class DonneesPersonnellesConfig(AppConfig):
    name = "donnees_personnelles"
    verbose_name = "Données personnelles"

    def ready(self):
        # Each app declares its kinds of personal data in its ``donnees_personnelles`` module.
        autodiscover_modules("donnees_personnelles")

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ExportsConfig(AppConfig):
    name = "exports"
    verbose_name = "Exports"

    def ready(self):
        # Each business app declares the export of its list in its ``exports`` module.
        autodiscover_modules("exports")

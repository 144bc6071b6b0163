from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Documents générés (PDF)"

    def ready(self):
        # Each business app declares its documents in its ``pdf`` module.
        autodiscover_modules("pdf")

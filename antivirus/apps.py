from django.apps import AppConfig


class AntivirusConfig(AppConfig):
    name = "antivirus"
    verbose_name = "Analyse antivirus des fichiers déposés"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment check)

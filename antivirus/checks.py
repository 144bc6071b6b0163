"""`manage.py check --deploy`: a production whose uploads no antivirus scans is flagged."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def antivirus_configure(app_configs, **kwargs):
    if settings.CLAMD_SOCKET:
        return []
    return [
        Warning(
            "Les fichiers déposés ne sont analysés par aucun antivirus.",
            hint="Définissez CLAMD_SOCKET (tcp://clamav:3310, ou le chemin du socket de clamd).",
            id="antivirus.W001",
        )
    ]

"""System checks of the start: a portal that would answer every page with a server error
refuses to start, with the reason in French.

With ``DEBUG=false`` the static files are served through collectstatic's manifest (hashed
names, ``STATIC_ROOT/staticfiles.json``); without it every page that names a static file is a
500 (« Missing staticfiles manifest entry »). ``runserver``, ``migrate`` (the first command of
docker-compose's web service) and ``check`` run this check; ``collectstatic`` itself does not
(it only runs the checks tagged ``staticfiles``).
"""

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.checks import Error, register
from django.core.files.storage import storages

MESSAGE_STATIQUES = (
    "Les fichiers statiques ne sont pas collectés : lancez `manage.py collectstatic --noinput` "
    "avant de démarrer avec DEBUG=false."
)


@register("demarrage")
def fichiers_statiques_collectes(app_configs, **kwargs):
    stockage = storages["staticfiles"]
    if settings.DEBUG or not isinstance(stockage, ManifestFilesMixin):
        return []
    if stockage.manifest_storage.exists(stockage.manifest_name):
        return []
    return [
        Error(
            MESSAGE_STATIQUES,
            hint=f"Le manifeste {stockage.manifest_name} manque dans "
            f"STATIC_ROOT ({settings.STATIC_ROOT}).",
            id="socle.E001",
        )
    ]

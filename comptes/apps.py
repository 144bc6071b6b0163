"""Users, organisations and roles: who is who, and who may see what."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ComptesConfig(AppConfig):
    name = "comptes"
    verbose_name = "Comptes"

    def ready(self):
        from . import backends  # noqa: F401 -- a saved account leaves the cache, in every process
        from .roles import appliquer_permissions_des_roles

        post_migrate.connect(appliquer_permissions_des_roles, dispatch_uid="roles_permissions")

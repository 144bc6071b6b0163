"""Users, organisations and roles: who is who, and who may see what."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ComptesConfig(AppConfig):
    name = "comptes"
    verbose_name = "Comptes"

    def ready(self):
        from .roles import appliquer_permissions_des_roles

        post_migrate.connect(appliquer_permissions_des_roles, dispatch_uid="roles_permissions")

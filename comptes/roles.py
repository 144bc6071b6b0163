"""Roles as Django groups.

``User.role`` is the source of truth; each role maps to one Django group that carries the
role's model permissions (used by the Django admin). Groups are kept in step with the role on
every save and their permissions are (re)applied after each migration.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission

from .models import Role


def nom_du_groupe(role):
    return Role(role).label


def synchroniser_groupe(user):
    """Put the user in their role's group, and in no other role group."""
    if not user.role:
        user.groups.remove(*Group.objects.filter(name__in=[r.label for r in Role]))
        return
    groupe, _ = Group.objects.get_or_create(name=nom_du_groupe(user.role))
    autres = [g for g in user.groups.all() if g.name in Role.labels and g.pk != groupe.pk]
    if autres:
        user.groups.remove(*autres)
    user.groups.add(groupe)


# Administrators also see login attempts (to lift a lockout) and the TOTP devices (to reset
# one a colleague lost).
APPS_SECURITE = ("axes", "otp_totp")


def appliquer_permissions_des_roles(**kwargs):
    """Create the role groups and give each its permissions (post_migrate handler)."""
    metier = Permission.objects.filter(
        content_type__app_label__in=[*settings.APPS_METIER, *APPS_SECURITE]
    )
    permissions = {
        Role.ADMINISTRATEUR: metier,
        Role.INSTRUCTEUR: metier.filter(codename__startswith="view_"),
        Role.AGENT: Permission.objects.none(),
        Role.PRESTATAIRE: Permission.objects.none(),
        Role.COLLECTIVITE: Permission.objects.none(),
    }
    for role, perms in permissions.items():
        groupe, _ = Group.objects.get_or_create(name=nom_du_groupe(role))
        groupe.permissions.set(perms)

"""The signed-in person, read from the cache rather than the database on every request.

Django's authentication middleware asks the session's backend for the user at each request
(``get_user``): one query per signed-in page. Here the account is kept in the cache shared by
the web processes (``CACHES``) for ``DUREE`` seconds and forgotten as soon as it is saved or
deleted (an administrateur deactivating it, a role or an organisation changed, a new
password): the next request reads it afresh. Django's checks still apply to the cached
account: an inactive one is refused, and a session opened before a password change ends
(the session's hash is compared with the account's, as always). The account's permissions
are kept with it, and forgotten when its groups or permissions, or a group's, change.
"""

import time

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

DUREE = 300
# Moved on whenever a permission may have changed for anyone (a group's permissions).
VERSION_DES_PERMISSIONS = "comptes:permissions"


def cle(user_id):
    version = cache.get_or_set(VERSION_DES_PERMISSIONS, lambda: time.time_ns(), None)
    return f"comptes:utilisateur:{user_id}:{version}"


def lire(backend, user_id):
    """The account ``user_id`` as ``backend.get_user`` gives it, kept in the cache with its
    permissions (which the admin reads on every page)."""
    user = cache.get(cle(user_id))
    if user is None:
        user = ModelBackend.get_user(backend, user_id)
        if user is None:
            return None
        ModelBackend().get_all_permissions(user)  # kept on the account, as Django does
        cache.set(cle(user_id), user, DUREE)
    return user if backend.user_can_authenticate(user) else None


@receiver(post_save, sender=get_user_model())
@receiver(post_delete, sender=get_user_model())
def oublier(sender, instance, **kwargs):
    cache.delete(cle(instance.pk))


@receiver(m2m_changed, sender=get_user_model().groups.through)
@receiver(m2m_changed, sender=get_user_model().user_permissions.through)
def _permissions_du_compte(sender, instance, **kwargs):
    if isinstance(instance, get_user_model()):
        cache.delete(cle(instance.pk))
    else:  # a group or a permission, changed from its side: anyone may be concerned
        cache.delete(VERSION_DES_PERMISSIONS)


@receiver(m2m_changed, sender=Group.permissions.through)
@receiver(post_delete, sender=Group)
@receiver(post_delete, sender=Permission)
def _permissions_des_groupes(sender, **kwargs):
    cache.delete(VERSION_DES_PERMISSIONS)


class MotDePasseBackend(ModelBackend):
    """Django's ModelBackend (e-mail and password), with the account read through the cache."""

    def get_user(self, user_id):
        return lire(self, user_id)

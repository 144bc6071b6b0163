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

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

DUREE = 300


def cle(user_id):
    return f"comptes:utilisateur:{user_id}"


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
    _oublier([instance.pk])


def _oublier(comptes):
    """Forget these accounts (pks, or a queryset of accounts), now and once it commits."""
    if not isinstance(comptes, list | tuple | set):
        comptes = comptes.values_list("pk", flat=True)
    cles = [cle(pk) for pk in comptes]
    cache.delete_many(cles)
    transaction.on_commit(lambda: cache.delete_many(cles))


@receiver(m2m_changed, sender=get_user_model().groups.through)
@receiver(m2m_changed, sender=get_user_model().user_permissions.through)
def _permissions_du_compte(sender, instance, action, pk_set, **kwargs):
    User = get_user_model()
    if isinstance(instance, User):
        _oublier([instance.pk])
    elif action.startswith("pre_"):  # a group or a permission changed from its side
        champ = "groups" if isinstance(instance, Group) else "user_permissions"
        _oublier(
            [
                *User.objects.filter(**{champ: instance}).values_list("pk", flat=True),
                *(pk_set or ()),
            ]
        )


@receiver(m2m_changed, sender=Group.permissions.through)
def _permissions_d_un_groupe(sender, instance, action, pk_set, **kwargs):
    if not action.startswith("pre_"):
        return
    User = get_user_model()
    if isinstance(instance, Group):
        _oublier(User.objects.filter(groups=instance))
    else:  # a permission given to groups or taken from them
        _oublier(User.objects.filter(groups__permissions=instance))
        _oublier(User.objects.filter(groups__in=pk_set or ()))


@receiver(pre_delete, sender=Group)
@receiver(pre_delete, sender=Permission)
def _groupe_ou_permission_supprimes(sender, instance, **kwargs):
    _oublier(get_user_model().objects.all())


class MotDePasseBackend(ModelBackend):
    """Django's ModelBackend (e-mail and password), with the account read through the cache."""

    def get_user(self, user_id):
        return lire(self, user_id)

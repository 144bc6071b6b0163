"""The signed-in person, read from the cache rather than the database on every request.

Django's authentication middleware asks the session's backend for the user at each request
(``get_user``): one query per signed-in page. Here the account is kept in the cache shared by
the web processes (``CACHES``) for ``DUREE`` seconds and forgotten as soon as it is saved or
deleted (an administrateur deactivating it, a role or an organisation changed, a new
password): the next request reads it afresh. Django's checks still apply to the cached
account: an inactive one is refused, and a session opened before a password change ends
(the session's hash is compared with the account's, as always).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

DUREE = 300


def cle(user_id):
    return f"comptes:utilisateur:{user_id}"


def lire(backend, user_id):
    """The account ``user_id`` as ``backend.get_user`` gives it, kept in the cache."""
    user = cache.get(cle(user_id))
    if user is None:
        user = ModelBackend.get_user(backend, user_id)
        if user is None:
            return None
        cache.set(cle(user_id), user, DUREE)
    return user if backend.user_can_authenticate(user) else None


@receiver(post_save, sender=get_user_model())
@receiver(post_delete, sender=get_user_model())
def oublier(sender, instance, **kwargs):
    cache.delete(cle(instance.pk))


class MotDePasseBackend(ModelBackend):
    """Django's ModelBackend (e-mail and password), with the account read through the cache."""

    def get_user(self, user_id):
        return lire(self, user_id)

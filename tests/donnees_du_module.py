"""A data set built once for a whole test module, the way ``tests/securite/test_matrice.py``
does it: building it again for each of a hundred parametrized tests was most of their time.

The module's fixture writes its rows inside ``donnees_du_module(...)``: a transaction opened
for the module and rolled back when it ends. Each test runs in a savepoint inside it (it asks
for pytest-django's ``db``), so whatever a test writes is undone before the next one; a
test that changes the Python objects of the data set works on a copy
(``copy.deepcopy``). Files uploaded while the data set is built go to a folder of the module
(``medias_du_module``), and the ``fichiers_du_module`` fixture points each test's uploads at it,
so that those files are still there for every test.

Once built, the rows are there for every test of the module: use it where every test asks for
the data set (a test that needs an empty base belongs to another module).
"""

from contextlib import contextmanager

from django.conf import settings
from django.db import connections, transaction
from django.test import override_settings


def reglages_medias(medias):
    """The upload settings for the folder ``medias``."""
    return {
        "MEDIA_ROOT": medias,
        "STORAGES": {
            **settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": medias},
            },
        },
    }


@contextmanager
def donnees_du_module(django_db_blocker, medias):
    """Database access for a module-scoped fixture, in a transaction rolled back at the end,
    with the settings the tests run with (eager tasks, fast password hashing, uploads in
    ``medias``).

    While it is open, the end of a request leaves the database connection open, as the test
    client already does around the requests it makes: a test that closes a file response
    itself (``reponse.close()``) would otherwise close it, on PostgreSQL, in the middle of the
    module's transaction (with pytest-django's transaction per test, the next test reconnects;
    here the rest of the module would find it closed)."""
    from config.celery import app

    app.conf.task_always_eager = True
    for connexion in connections.all():
        connexion.close_if_unusable_or_obsolete = lambda: None
    try:
        with (
            django_db_blocker.unblock(),
            override_settings(
                **reglages_medias(medias),
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            ),
            transaction.atomic(),
        ):
            yield
            transaction.set_rollback(True)
    finally:
        for connexion in connections.all():
            del connexion.close_if_unusable_or_obsolete

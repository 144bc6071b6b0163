"""The start refuses to go on when every page would be a server error (socle/checks.py)."""

import pytest
from django.core import checks

from socle.checks import MESSAGE_STATIQUES

MANIFESTE = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}


def erreurs_de_demarrage():
    return [e for e in checks.run_checks() if e.id == "socle.E001"]


@pytest.fixture
def production(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": MANIFESTE}
    return tmp_path


def test_without_the_manifest_the_start_fails_with_the_command_to_run(production):
    (erreur,) = erreurs_de_demarrage()

    assert erreur.level == checks.ERROR
    assert erreur.msg == MESSAGE_STATIQUES
    assert "manage.py collectstatic --noinput" in erreur.msg
    assert str(production) in erreur.hint


def test_once_collected_the_start_goes_on(production):
    (production / "staticfiles.json").write_text('{"paths": {}, "version": "1.1", "hash": ""}')

    assert erreurs_de_demarrage() == []


def test_debug_and_the_tests_plain_storage_need_no_collectstatic(production, settings):
    settings.DEBUG = True
    assert erreurs_de_demarrage() == []
    settings.DEBUG = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    assert erreurs_de_demarrage() == []


def test_collectstatic_itself_is_not_stopped_by_the_check(production):
    # collectstatic only runs the checks tagged "staticfiles"; this one must not be among them.
    assert erreurs_de_demarrage()
    assert "socle.E001" not in {e.id for e in checks.run_checks(tags=[checks.Tags.staticfiles])}

"""Consistency of the code base itself."""

import io

from django.core.management import call_command


def test_every_model_change_has_its_migration(db):
    # Exits with SystemExit(1) when a migration is missing.
    call_command("makemigrations", "--check", "--dry-run", stdout=io.StringIO())

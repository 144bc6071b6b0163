"""The Celery application.

Tasks are declared in each app's ``tasks.py``. When ``CELERY_BROKER_URL`` is unset (the demo
on a laptop), settings turn on eager mode and tasks run in-process.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("atelier_flash")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

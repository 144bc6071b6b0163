"""The benchmark (``make bench``, ``make bench-pdf``) and its national-scale dataset.

Not an app of the product: ``config.settings`` never installs it. ``bench.settings`` does,
for the one command it brings, ``manage.py peupler`` (the dataset of ``bench.volume``):

    DJANGO_SETTINGS_MODULE=bench.settings python manage.py peupler
"""

from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "bench"
    verbose_name = "Mesures de charge"

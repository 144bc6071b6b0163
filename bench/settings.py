"""The portal's settings plus the benchmark's app, so that ``manage.py peupler`` exists.

Production never loads this module; ``bench/charge.py`` uses it for the seeding only, and
serves the pages it measures with ``config.settings``.
"""

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]

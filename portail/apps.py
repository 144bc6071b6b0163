"""The portal's shell: public pages, the home page of each role, the navigation and layout helpers.

It sits on top of the business apps: it may import any of them, none imports it.
"""

from django.apps import AppConfig


class PortailConfig(AppConfig):
    name = "portail"
    verbose_name = "Portail"

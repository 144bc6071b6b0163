"""The Django admin's site, its menu worked out once per person rather than on every page.

Every admin page lists, in its side menu, the models the person may open: some thirty
registered models, each with its permissions and two reversed addresses, rebuilt at each
request. That list depends only on the registry (fixed once the portal has started) and on
who the person is and what they may do, so it is kept per process under exactly that.
"""

import copy

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

# People whose menus a process keeps (a handful of DGALN administrators in practice).
MENUS_GARDES = 256


class SiteAdministration(admin.AdminSite):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._menus = {}

    def _build_app_dict(self, request, label=None):
        user = request.user
        cle = (
            label,
            user.pk,
            getattr(user, "role", None),
            user.is_active,
            user.is_staff,
            user.is_superuser,
            frozenset(user.get_all_permissions()),
        )
        menu = self._menus.get(cle)
        if menu is None:
            if len(self._menus) >= MENUS_GARDES:
                self._menus.clear()
            menu = self._menus[cle] = super()._build_app_dict(request, label)
        return copy.deepcopy(menu)  # the admin sorts it in place


class AdministrationConfig(AdminConfig):
    default_site = "socle.administration_site.SiteAdministration"

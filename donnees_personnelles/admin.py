"""The users' admin, with the export of one person's personal data (RGPD).

The export reads what every app declares, which ``comptes`` (below) cannot reach: this app
registers the users' admin again with the action added.
"""

from django.contrib import admin, messages
from django.http import HttpResponse

from comptes.admin import UserAdmin as UserAdminDeComptes
from comptes.models import User

from .export import exporter
from .permissions import peut_exporter_donnees_personnelles


class UserAdmin(UserAdminDeComptes):
    actions = [*(UserAdminDeComptes.actions or ()), "exporter_donnees_personnelles"]

    def has_exporter_donnees_personnelles_permission(self, request):
        return bool(peut_exporter_donnees_personnelles(request.user))

    @admin.action(
        description="Exporter les données personnelles (RGPD)",
        permissions=["exporter_donnees_personnelles"],
    )
    def exporter_donnees_personnelles(self, request, queryset):
        if not self.has_exporter_donnees_personnelles_permission(request):
            self.message_user(
                request, peut_exporter_donnees_personnelles(request.user).raison, messages.ERROR
            )
            return None
        if queryset.count() != 1:
            self.message_user(
                request,
                "Sélectionnez une seule personne : l'export répond à la demande d'une personne.",
                messages.WARNING,
            )
            return None
        personne = queryset.get()
        reponse = HttpResponse(
            exporter(personne.email, acteur=request.user),
            content_type="application/json; charset=utf-8",
        )
        reponse["Content-Disposition"] = (
            f'attachment; filename="donnees-personnelles-{personne.pk}.json"'
        )
        return reponse


admin.site.unregister(User)
admin.site.register(User, UserAdmin)

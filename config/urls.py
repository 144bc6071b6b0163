"""Root URLs: the shell's pages, the accounts, and the Django admin for DGALN administrators."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "Ateliers Flash — administration DGALN"
admin.site.site_title = "Ateliers Flash"
admin.site.index_title = "Paramétrage du programme"

urlpatterns = [
    path("", include("portail.urls")),
    path("comptes/", include("comptes.urls")),
    path("comptes/", include("comptes.urls_gestion")),
    path("annuaire/", include("annuaire.urls")),
    path("pilotage/", include("pilotage.urls")),
    path("ateliers-realises/", include("catalogue.urls")),
    path("candidatures/", include("candidatures.urls")),
    path("ateliers/", include("ateliers.urls")),
    path("commandes/", include("commandes.urls")),
    path("livrables/", include("livrables.urls")),
    path("bilans/", include("bilans.urls")),
    path("documents/", include("documents.urls")),
    path("exports/", include("exports.urls")),
    path("notifications/", include("notifications.urls")),
    path("referentiels/", include("referentiels.urls")),
    # One login for the whole portal: the admin's own form would skip the second factor.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="login", query_string=True),
        name="admin_connexion",
    ),
    path("admin/", admin.site.urls),
]

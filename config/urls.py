"""Root URLs: the shell's pages, the accounts, and the Django admin for DGALN administrators."""

from django.contrib import admin
from django.urls import include, path

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
    path("documents/", include("documents.urls")),
    path("exports/", include("exports.urls")),
    path("notifications/", include("notifications.urls")),
    path("referentiels/", include("referentiels.urls")),
    path("admin/", admin.site.urls),
]

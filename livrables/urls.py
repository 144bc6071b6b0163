from django.urls import path

from . import views, views_feuille_de_route, views_fiche

app_name = "livrables"

urlpatterns = [
    path("", views.liste, name="liste"),
    # From the list of livrables (choosing the atelier), or from the atelier's page.
    path("ajouter/", views.ajouter, name="ajouter"),
    path("atelier/<int:atelier_pk>/ajouter/", views.ajouter, name="ajouter"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.modifier, name="modifier"),
    path("<int:pk>/action/<slug:nom>/", views.action, name="action"),
    path("<int:pk>/versions/<int:version_pk>/", views.telecharger_version, name="version"),
    path(
        "atelier/<int:atelier_pk>/feuille-de-route/",
        views_feuille_de_route.feuille,
        name="feuille_de_route",
    ),
    path(
        "atelier/<int:atelier_pk>/feuille-de-route/export.csv",
        views_feuille_de_route.exporter_feuille,
        name="feuille_de_route_csv",
    ),
    path(
        "atelier/<int:atelier_pk>/feuille-de-route/axes/",
        views_feuille_de_route.ajouter_axe,
        name="ajouter_axe",
    ),
    path("axes/<int:pk>/modifier/", views_feuille_de_route.modifier_axe, name="modifier_axe"),
    path(
        "axes/<int:axe_pk>/actions/", views_feuille_de_route.ajouter_action, name="ajouter_action"
    ),
    path(
        "actions/<int:pk>/modifier/", views_feuille_de_route.modifier_action, name="modifier_action"
    ),
    path("<slug:quoi>/<int:pk>/supprimer/", views_feuille_de_route.supprimer, name="supprimer"),
    path("atelier/<int:atelier_pk>/fiche-synthetique/", views_fiche.fiche, name="fiche"),
    path(
        "atelier/<int:atelier_pk>/fiche-synthetique/modifier/",
        views_fiche.modifier_fiche,
        name="modifier_fiche",
    ),
    path(
        "atelier/<int:atelier_pk>/fiche-synthetique/images/",
        views_fiche.ajouter_image,
        name="ajouter_image",
    ),
    path("images/<int:pk>/", views_fiche.image, name="image"),
    path("images/<int:pk>/retirer/", views_fiche.retirer_image, name="retirer_image"),
]

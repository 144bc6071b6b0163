from django.urls import path

from . import views

app_name = "livrables"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("atelier/<int:atelier_pk>/ajouter/", views.ajouter, name="ajouter"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.modifier, name="modifier"),
    path("<int:pk>/action/<slug:nom>/", views.action, name="action"),
    path("<int:pk>/versions/<int:version_pk>/", views.telecharger_version, name="version"),
    path("atelier/<int:atelier_pk>/feuille-de-route/", views.feuille, name="feuille_de_route"),
    path(
        "atelier/<int:atelier_pk>/feuille-de-route/export.csv",
        views.exporter_feuille,
        name="feuille_de_route_csv",
    ),
    path("atelier/<int:atelier_pk>/feuille-de-route/axes/", views.ajouter_axe, name="ajouter_axe"),
    path("axes/<int:pk>/modifier/", views.modifier_axe, name="modifier_axe"),
    path("axes/<int:axe_pk>/actions/", views.ajouter_action, name="ajouter_action"),
    path("actions/<int:pk>/modifier/", views.modifier_action, name="modifier_action"),
    path("<slug:quoi>/<int:pk>/supprimer/", views.supprimer, name="supprimer"),
    path("atelier/<int:atelier_pk>/fiche-synthetique/", views.fiche, name="fiche"),
    path(
        "atelier/<int:atelier_pk>/fiche-synthetique/modifier/",
        views.modifier_fiche,
        name="modifier_fiche",
    ),
    path(
        "atelier/<int:atelier_pk>/fiche-synthetique/images/",
        views.ajouter_image,
        name="ajouter_image",
    ),
    path("images/<int:pk>/", views.image, name="image"),
    path("images/<int:pk>/retirer/", views.retirer_image, name="retirer_image"),
]

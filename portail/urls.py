from django.urls import path

from . import views

urlpatterns = [
    path("", views.accueil_public, name="accueil_public"),
    path("tableau-de-bord/", views.accueil, name="tableau_de_bord"),
    path("informations/<slug:slug>/", views.page, name="page"),
    path("sante/", views.sante, name="sante"),
    path("reference/", views.reference, name="reference"),
]

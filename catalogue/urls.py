"""Stable public addresses: the open-data files are linked from elsewhere, keep them."""

from django.urls import path

from . import views

app_name = "catalogue"
urlpatterns = [
    path("", views.liste, name="liste"),
    path("<int:pk>/", views.atelier, name="atelier"),
    path("transitions/<slug:code>/", views.famille, name="famille"),
    path("images/<int:pk>/", views.image, name="image"),
    path("donnees/", views.donnees, name="donnees"),
    path("donnees/ateliers-flash.csv", views.donnees_csv, name="donnees_csv"),
    path("donnees/ateliers-flash.geojson", views.donnees_geojson, name="donnees_geojson"),
]

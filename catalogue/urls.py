"""Stable public addresses: the open-data files are linked from elsewhere, keep them."""

from django.urls import path

from . import views, views_communes

app_name = "catalogue"
urlpatterns = [
    path("", views.liste, name="liste"),
    path("<int:pk>/", views.atelier, name="atelier"),
    path("transitions/<slug:code>/", views.famille, name="famille"),
    path("images/<int:pk>/", views.image, name="image"),
    path("communes/", views_communes.communes, name="communes"),
    path("communes/<str:code>/", views_communes.commune, name="commune"),
    path("donnees/", views.donnees, name="donnees"),
    path("donnees/ateliers-flash.csv", views.donnees_csv, name="donnees_csv"),
    path("donnees/ateliers-flash.geojson", views.donnees_geojson, name="donnees_geojson"),
    path(
        "donnees/communes-accompagnees.geojson",
        views_communes.communes_geojson,
        name="communes_geojson",
    ),
]

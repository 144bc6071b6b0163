from django.urls import path

from . import views

app_name = "ateliers"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("<int:pk>/", views.detail, name="detail"),
    path("attribuer/<int:candidature_pk>/", views.attribuer, name="attribuer"),
]

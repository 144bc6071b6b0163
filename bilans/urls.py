from django.urls import path

from . import views

app_name = "bilans"

urlpatterns = [
    path("atelier/<int:pk>/bilan/", views.repondre, name="repondre"),
    path("atelier/<int:pk>/suites/ajouter/", views.ajouter_suite, name="ajouter_suite"),
]

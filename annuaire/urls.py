from django.urls import path

from . import views

app_name = "annuaire"

urlpatterns = [
    path("", views.organisations, name="organisations"),
    path("organisations/<int:pk>/", views.organisation, name="organisation"),
    path("personnes/", views.personnes, name="personnes"),
    path("personnes/<int:pk>/", views.personne, name="personne"),
    path(
        "personnes/<int:pk>/<slug:nom>/",
        views.action,
        name="action",
    ),
]

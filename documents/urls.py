from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("demander/<slug:code>/<int:pk>/", views.demander, name="demander"),
    path("<int:pk>/etat/", views.etat, name="etat"),
    path("<int:pk>/telecharger/", views.telecharger, name="telecharger"),
    path("<int:pk>/relancer/", views.relancer, name="relancer"),
]

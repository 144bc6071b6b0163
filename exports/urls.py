from django.urls import path

from . import views

app_name = "exports"
urlpatterns = [
    path("", views.mes_exports, name="mes_exports"),
    path("<slug:code>.<str:format>", views.exporter, name="exporter"),
    path("tableaux/<slug:code>.<str:format>", views.exporter_tableau, name="tableau"),
    path("<int:pk>/telecharger/", views.telecharger, name="telecharger"),
]

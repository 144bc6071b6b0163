from django.urls import path

from . import views

app_name = "commandes"

urlpatterns = [
    path("", views.liste, name="liste"),
    # From the list of bons (choosing the atelier), or from the atelier's page.
    path("nouveau/", views.creer, name="creer"),
    path("atelier/<int:atelier_pk>/nouveau/", views.creer, name="creer"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.modifier, name="modifier"),
    path("<int:pk>/<slug:nom>/", views.action, name="action"),
    path("accords-cadres/", views.accords_cadres, name="accords_cadres"),
    path("accords-cadres/<int:pk>/", views.accord_cadre, name="accord_cadre"),
]

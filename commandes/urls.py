from django.urls import path

from . import views, views_factures

app_name = "commandes"

urlpatterns = [
    path("", views.liste, name="liste"),
    # From the list of bons (choosing the atelier), or from the atelier's page.
    path("nouveau/", views.creer, name="creer"),
    path("atelier/<int:atelier_pk>/nouveau/", views.creer, name="creer"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.modifier, name="modifier"),
    path("<int:pk>/<slug:nom>/", views.action, name="action"),
    path("<int:pk>/factures/nouvelle/", views_factures.enregistrer, name="enregistrer_facture"),
    path("factures/", views_factures.liste, name="factures"),
    path("factures/<int:pk>/", views_factures.detail, name="facture"),
    path("factures/<int:pk>/fichier/", views_factures.telecharger, name="telecharger_facture"),
    path("factures/<int:pk>/<slug:nom>/", views_factures.action, name="action_facture"),
    path("accords-cadres/", views.accords_cadres, name="accords_cadres"),
    path("accords-cadres/<int:pk>/", views.accord_cadre, name="accord_cadre"),
]

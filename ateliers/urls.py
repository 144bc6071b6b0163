from django.urls import path

from . import views, views_engagements, views_page

app_name = "ateliers"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("<int:pk>/", views_page.detail, name="detail"),
    path("<int:pk>/planning/", views.planifier, name="planifier"),
    path("<int:pk>/programme/", views.programme, name="programme"),
    path("<int:pk>/messages/", views.ecrire, name="ecrire"),
    path("<int:pk>/engagements/<slug:code>/", views_engagements.cocher, name="cocher_engagement"),
    path("<int:pk>/action/<slug:nom>/", views.action, name="action"),
    path("attribuer/<int:candidature_pk>/", views.attribuer, name="attribuer"),
]

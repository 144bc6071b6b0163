"""Login, logout and password management. Names are Django's own (login, password_reset…),
which the auth views reverse themselves."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import forms, views

urlpatterns = [
    path("connexion/", views.ConnexionView.as_view(), name="login"),
    path("connexion/code/", views.connexion_code, name="connexion_code"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "mot-de-passe/oublie/",
        auth_views.PasswordResetView.as_view(form_class=forms.MotDePasseOublieForm),
        name="password_reset",
    ),
    path(
        "mot-de-passe/oublie/envoye/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=forms.NouveauMotDePasseForm),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/nouveau/termine/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "mot-de-passe/changer/",
        auth_views.PasswordChangeView.as_view(form_class=forms.ChangementMotDePasseForm),
        name="password_change",
    ),
    path(
        "mot-de-passe/change/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]

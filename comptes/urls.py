"""Login, logout and password management. Names are Django's own (login, password_reset…),
which the auth views reverse themselves."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import forms, proconnect, views

urlpatterns = [
    path("connexion/", views.ConnexionView.as_view(), name="login"),
    path("connexion/code/", views.connexion_code, name="connexion_code"),
    path("deconnexion/", proconnect.Deconnexion.as_view(), name="logout"),
    # ProConnect (off, a 404, unless PROCONNECT_* are set): the button, the provider's
    # redirection back, and its redirection after logging out.
    path("proconnect/connexion/", proconnect.Connexion.as_view(), name="proconnect_connexion"),
    path("proconnect/retour/", proconnect.Retour.as_view(), name="proconnect_retour"),
    path("proconnect/deconnexion/", proconnect.retour_deconnexion, name="proconnect_deconnexion"),
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

"""The portal's own account pages (namespace ``comptes``): invitations and profile."""

from django.urls import path

from . import views

app_name = "comptes"

urlpatterns = [
    path("invitations/", views.invitations, name="invitations"),
    path("invitations/nouvelle/", views.inviter, name="inviter"),
    path("invitations/<int:pk>/renvoyer/", views.renvoyer, name="renvoyer"),
    path("invitations/<int:pk>/annuler/", views.annuler, name="annuler"),
    path("invitation/<str:jeton>/", views.accepter_invitation, name="accepter_invitation"),
    path("profil/", views.profil, name="profil"),
    path(
        "profil/double-authentification/",
        views.double_authentification,
        name="double_authentification",
    ),
    path("profil/adresse-e-mail/", views.changer_email, name="changer_email"),
    path("adresse-e-mail/<str:jeton>/", views.confirmer_email, name="confirmer_email"),
]

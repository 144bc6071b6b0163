from django.urls import path

from . import views, views_coporteurs, views_depot, views_instruction

app_name = "candidatures"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("intention/", views_depot.nouvelle_intention, name="intention"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/fiche/<slug:code>/", views_depot.rubrique, name="rubrique"),
    path(
        "<int:pk>/pieces/<int:piece_pk>/supprimer/",
        views_depot.supprimer_piece,
        name="supprimer_piece",
    ),
    path("<int:pk>/deposer/", views_depot.deposer, name="deposer"),
    path("<int:pk>/coporteurs/inviter/", views_coporteurs.inviter, name="inviter_coporteur"),
    path("<int:pk>/coporteurs/rubriques/", views_coporteurs.confier, name="confier_rubriques"),
    path("<int:pk>/echanges-collectivite/", views_coporteurs.ecrire, name="ecrire_coporteurs"),
    path("<int:pk>/messages/", views_depot.ecrire, name="ecrire"),
    path("<int:pk>/notes/", views_depot.annoter, name="annoter"),
    path("<int:pk>/action/<slug:nom>/", views_instruction.action, name="action"),
    path("<int:pk>/pieces/<int:piece_pk>/", views.telecharger_piece, name="piece"),
    path("<int:pk>/ressources/<int:ressource_pk>/", views.telecharger_ressource, name="ressource"),
    path(
        "<int:pk>/messages/<int:message_pk>/piece-jointe/",
        views.telecharger_piece_jointe,
        name="piece_jointe",
    ),
]

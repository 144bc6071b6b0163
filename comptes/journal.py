"""The journal's codes for what happens to an account (not a workflow: an administrator acts)."""

from django.db import models


class ActionCompte(models.TextChoices):
    DESACTIVATION = "desactivation", "Compte désactivé"
    REACTIVATION = "reactivation", "Compte réactivé"
    RATTACHEMENT = "rattachement", "Rattachement changé"
    DOUBLE_FACTEUR = "double_facteur", "Double authentification activée ou désactivée"
    PROFIL_PROCONNECT = "profil_proconnect", "Profil mis à jour par ProConnect"

"""Exports prepared in the Celery queue: one record per large file a person asked for.

A small export is sent at once and leaves no trace here. A large one keeps what is needed to
produce it later — which list, which format, the list's query string — and the file once it
is written. The file is private: only the person who asked may download it.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from socle.fichiers import CheminAleatoire

from .listes import listes


class FormatExport(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX (Excel)"


class StatutExport(models.TextChoices):
    EN_ATTENTE = "en_attente", "En attente"
    EN_COURS = "en_cours", "En préparation"
    PRET = "pret", "Prêt"
    ECHEC = "echec", "Échec"


class Export(models.Model):
    demandeur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exports"
    )
    liste = models.CharField("liste exportée", max_length=40)
    titre = models.CharField(max_length=200)
    format = models.CharField(max_length=4, choices=FormatExport.choices)
    # The list page's query string (its filters and sort), replayed by the worker.
    parametres = models.TextField("paramètres de la liste", blank=True)
    filtres = models.CharField("filtres appliqués", max_length=500, blank=True)
    statut = models.CharField(
        max_length=12, choices=StatutExport.choices, default=StatutExport.EN_ATTENTE
    )
    lignes = models.PositiveIntegerField("nombre de lignes", null=True, blank=True)
    fichier = models.FileField(upload_to=CheminAleatoire("exports"), blank=True)
    nom_fichier = models.CharField("nom du fichier", max_length=200)
    taille = models.PositiveIntegerField(null=True, blank=True)
    erreur = models.TextField("erreur", blank=True)
    demande_le = models.DateTimeField("demandé le", auto_now_add=True)
    mis_en_file_le = models.DateTimeField("mis en file le", null=True, blank=True)
    commence_le = models.DateTimeField("préparation commencée le", null=True, blank=True)
    termine_le = models.DateTimeField("terminé le", null=True, blank=True)

    class Meta:
        verbose_name = "export"
        ordering = ["-demande_le", "-pk"]
        indexes = [models.Index(fields=["statut", "mis_en_file_le"])]

    def __str__(self):
        return f"{self.titre} ({self.get_format_display()})"

    @property
    def est_pret(self):
        return self.statut == StatutExport.PRET

    @property
    def en_cours(self):
        return self.statut in (StatutExport.EN_ATTENTE, StatutExport.EN_COURS)

    def adresse_liste(self):
        """The list page with the filters of this export (back to the screen it came from)."""
        liste = listes().get(self.liste)
        if liste is None:
            return ""
        return reverse(liste.page) + (f"?{self.parametres}" if self.parametres else "")

"""Generated documents (PDF): one record per file the portal renders in the Celery queue.

A ``Document`` keeps the data it is rendered from (``donnees``, a snapshot taken when it is
asked for) and their fingerprint: the same source with the same data gives the same record,
never a second render. The file itself is private and only served by a view that checks
that the person may see the source object.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from socle.fichiers import CheminAleatoire


class StatutDocument(models.TextChoices):
    EN_ATTENTE = "en_attente", "En attente"
    EN_COURS = "en_cours", "En cours de génération"
    PRET = "pret", "Prêt"
    ECHEC = "echec", "Échec"


class DocumentQuerySet(models.QuerySet):
    def pour(self, source, genre=None):
        """Documents of ``source``, newest first."""
        documents = self.filter(
            content_type=ContentType.objects.get_for_model(source), object_id=source.pk
        )
        if genre:
            documents = documents.filter(genre=genre)
        return documents.order_by("-demande_le", "-pk")


class Document(models.Model):
    genre = models.CharField(max_length=40)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name="type d'enregistrement"
    )
    object_id = models.PositiveBigIntegerField("numéro de l'enregistrement")
    source = GenericForeignKey("content_type", "object_id")
    titre = models.CharField(max_length=300)
    nom_fichier = models.CharField("nom du fichier", max_length=200)
    donnees = models.JSONField("données du document")
    empreinte = models.CharField("empreinte des données", max_length=64)
    statut = models.CharField(
        max_length=12, choices=StatutDocument.choices, default=StatutDocument.EN_ATTENTE
    )
    tentatives = models.PositiveSmallIntegerField(default=0)
    erreur = models.TextField("dernière erreur", blank=True)
    fichier = models.FileField(upload_to=CheminAleatoire("documents"), blank=True)
    taille = models.PositiveIntegerField(null=True, blank=True)
    demande_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="demandé par",
    )
    demande_le = models.DateTimeField("demandé le", auto_now_add=True)
    mis_en_file_le = models.DateTimeField("mis en file le", null=True, blank=True)
    commence_le = models.DateTimeField("génération commencée le", null=True, blank=True)
    termine_le = models.DateTimeField("terminé le", null=True, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "document généré"
        verbose_name_plural = "documents générés"
        constraints = [
            models.UniqueConstraint(
                fields=["genre", "content_type", "object_id", "empreinte"],
                name="un_document_par_version_des_donnees",
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id", "genre"]),
            models.Index(fields=["statut", "mis_en_file_le"]),
        ]

    def __str__(self):
        return self.titre

    @property
    def est_pret(self):
        return self.statut == StatutDocument.PRET

    @property
    def en_cours(self):
        """Still on its way: the page showing it polls until this is false."""
        return self.statut in (StatutDocument.EN_ATTENTE, StatutDocument.EN_COURS)

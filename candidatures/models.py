"""Candidatures: the file a service déconcentré builds with a collectivité for one atelier.

This module holds the data and who may see it; the fiche, its pièces and the transitions of
the review come with the candidature workflow.
"""

from django.conf import settings
from django.db import models

from comptes.models import Organisation
from referentiels.models import EPCI, Commune

from .querysets import CandidatureQuerySet


class Statut(models.TextChoices):
    INTENTION = "intention", "Intention déclarée"
    OPPORTUNITE_DECLINEE = "opportunite_declinee", "Opportunité déclinée"
    BROUILLON = "brouillon", "Brouillon"
    DEPOSEE = "deposee", "Déposée"
    EN_INSTRUCTION = "en_instruction", "En instruction"
    COMPLEMENT_DEMANDE = "complement_demande", "Complément demandé"
    ELIGIBLE = "eligible", "Éligible"
    NON_ELIGIBLE = "non_eligible", "Non éligible"
    SANS_SUITE = "sans_suite", "Classée sans suite"
    ATTRIBUEE = "attribuee", "Attribuée"


class Echelle(models.TextChoices):
    BATIMENT = "batiment", "Bâtiment"
    ILOT = "ilot", "Îlot"
    QUARTIER = "quartier", "Quartier"
    COMMUNE = "commune", "Commune"
    INTERCOMMUNALITE = "intercommunalite", "Intercommunalité"


class Candidature(models.Model):
    titre = models.CharField(max_length=200)
    description = models.TextField("description courte", blank=True)
    annee = models.PositiveSmallIntegerField("année (campagne)")
    statut = models.CharField(
        max_length=20, choices=Statut.choices, default=Statut.INTENTION, db_index=True
    )
    echelle = models.CharField("échelle", max_length=20, choices=Echelle.choices)
    service = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="candidatures",
        limit_choices_to={"type": Organisation.Type.SERVICE},
        verbose_name="service déconcentré",
    )
    communes = models.ManyToManyField(Commune, blank=True, related_name="candidatures")
    epci = models.ForeignKey(
        EPCI,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidatures",
        verbose_name="EPCI",
    )
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.RESTRICT,  # kept for traceability
        related_name="+",
        verbose_name="créée par",
    )
    cree_le = models.DateTimeField("créée le", auto_now_add=True)
    modifie_le = models.DateTimeField("modifiée le", auto_now=True)

    objects = CandidatureQuerySet.as_manager()

    class Meta:
        verbose_name = "candidature"
        ordering = ["-cree_le"]

    def __str__(self):
        return self.titre

"""Ateliers: the workshop a titulaire runs once a candidature is attributed to it.

This module holds the atelier's identity and who may see it; its phases, planning and
livrables come with the atelier workflow.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from candidatures.models import Candidature
from comptes.models import Organisation
from marches.models import AccordCadre, Titulaire

from .querysets import AtelierQuerySet


class Atelier(models.Model):
    candidature = models.OneToOneField(
        Candidature, on_delete=models.PROTECT, related_name="atelier"
    )
    accord_cadre = models.ForeignKey(AccordCadre, on_delete=models.PROTECT, related_name="ateliers")
    titulaire = models.ForeignKey(Titulaire, on_delete=models.PROTECT, related_name="ateliers")
    service_pilote = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="ateliers_pilotes",
        limit_choices_to={"type": Organisation.Type.SERVICE},
        verbose_name="service pilote",
    )
    montant_ht = models.DecimalField(
        "montant prévu HT (€)",
        max_digits=10,
        decimal_places=2,
        default=Decimal("20000.00"),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="Environ 20 000 € HT ; sert de montant par défaut aux bons de commande.",
    )
    attribue_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="attribué par",
    )
    cree_le = models.DateTimeField("créé le", auto_now_add=True)

    objects = AtelierQuerySet.as_manager()

    class Meta:
        verbose_name = "atelier"
        ordering = ["-cree_le"]

    def __str__(self):
        return f"Atelier — {self.candidature.titre}"

    @property
    def reference(self):
        return self.candidature.reference

"""Accords-cadres and their titulaires.

An accord-cadre is the multi-attributaire framework contract (4 years at most, Code de la
commande publique L2125-1) with a maximum amount (R2162-4). Each titulaire is a groupement: a
mandataire company plus co-traitants, ranked in the tourniquet order.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from comptes.models import Organisation

DUREE_MAX_ANNEES = 4


def _plus_annees(jour: date, annees: int) -> date:
    try:
        return jour.replace(year=jour.year + annees)
    except ValueError:  # 29 February
        return jour.replace(year=jour.year + annees, day=28)


class AccordCadre(models.Model):
    class Statut(models.TextChoices):
        PREPARATION = "preparation", "En préparation"
        EN_VIGUEUR = "en_vigueur", "En vigueur"
        ECHU = "echu", "Échu"

    reference = models.CharField("référence", max_length=50, unique=True)
    intitule = models.CharField("intitulé", max_length=300)
    date_debut = models.DateField("date de début")
    date_fin = models.DateField("date de fin")
    montant_max_ht = models.DecimalField("montant maximum HT (€)", max_digits=12, decimal_places=2)
    taux_tva = models.DecimalField(
        "taux de TVA (%)",
        max_digits=4,
        decimal_places=2,
        default=Decimal("20.00"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    statut = models.CharField(max_length=12, choices=Statut.choices, default=Statut.PREPARATION)

    class Meta:
        verbose_name = "accord-cadre"
        verbose_name_plural = "accords-cadres"
        ordering = ["-date_debut"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_fin__gt=models.F("date_debut")),
                name="accord_cadre_fin_apres_debut",
            ),
            models.CheckConstraint(
                condition=Q(montant_max_ht__gt=0), name="accord_cadre_montant_positif"
            ),
        ]

    def __str__(self):
        return f"{self.reference} — {self.intitule}"

    def clean(self):
        if self.date_debut and self.date_fin:
            if self.date_fin <= self.date_debut:
                raise ValidationError({"date_fin": "La fin doit suivre le début."})
            if self.date_fin > _plus_annees(self.date_debut, DUREE_MAX_ANNEES):
                raise ValidationError(
                    {
                        "date_fin": "Un accord-cadre dure au plus quatre ans "
                        "(Code de la commande publique, art. L2125-1)."
                    }
                )


class TitulaireQuerySet(models.QuerySet):
    def de_la_societe(self, organisation):
        """Groupements that a prestataire company belongs to (as mandataire or co-traitant)."""
        return self.filter(membres__organisation=organisation).distinct()


class Titulaire(models.Model):
    accord_cadre = models.ForeignKey(
        AccordCadre, on_delete=models.PROTECT, related_name="titulaires"
    )
    nom = models.CharField("nom du groupement", max_length=200)
    rang = models.PositiveSmallIntegerField(
        "rang dans le tourniquet", validators=[MinValueValidator(1)]
    )
    actif = models.BooleanField(default=True)

    objects = TitulaireQuerySet.as_manager()

    class Meta:
        verbose_name = "titulaire (groupement)"
        verbose_name_plural = "titulaires (groupements)"
        ordering = ["accord_cadre", "rang"]
        constraints = [
            models.UniqueConstraint(
                fields=["accord_cadre", "rang"], name="un_rang_par_accord_cadre"
            ),
        ]

    def __str__(self):
        return self.nom

    @property
    def mandataire(self):
        for membre in self.membres.all():
            if membre.role == MembreGroupement.Role.MANDATAIRE:
                return membre.organisation
        return None


class MembreGroupement(models.Model):
    class Role(models.TextChoices):
        MANDATAIRE = "mandataire", "Mandataire"
        COTRAITANT = "cotraitant", "Co-traitant"

    titulaire = models.ForeignKey(Titulaire, on_delete=models.CASCADE, related_name="membres")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="groupements",
        limit_choices_to={"type": Organisation.Type.PRESTATAIRE},
        verbose_name="société",
    )
    role = models.CharField("rôle", max_length=10, choices=Role.choices)
    specialite = models.CharField("spécialité", max_length=200, blank=True)

    class Meta:
        verbose_name = "membre du groupement"
        verbose_name_plural = "membres du groupement"
        ordering = ["titulaire", "-role", "organisation__nom"]
        constraints = [
            models.UniqueConstraint(
                fields=["titulaire", "organisation"], name="une_fois_par_groupement"
            ),
            models.UniqueConstraint(
                fields=["titulaire"],
                condition=Q(role="mandataire"),
                name="un_seul_mandataire",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"

    def clean(self):
        if self.organisation_id and self.organisation.type != Organisation.Type.PRESTATAIRE:
            raise ValidationError({"organisation": "Choisissez une société prestataire."})

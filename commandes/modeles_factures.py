"""The titulaire's invoices against a bon de commande, and the rates of late-payment interest.

An invoice (acompte or solde) is recorded with its number, its Chorus Pro reference, the day
Chorus Pro received it, its amounts and its PDF; the pilot service accepts it or rejects it
with a reason, then records the day it was put into payment. The payment deadline and what
the State owes when it is passed are computed in ``commandes.paiement``.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q, Sum

from antivirus.models import FichierAnalyse
from socle.fichiers import CheminAleatoire

from .models import CENTIME, BonDeCommande


class StatutFacture(models.TextChoices):
    RECUE = "recue", "Reçue, à vérifier"
    ACCEPTEE = "acceptee", "Acceptée, à mettre en paiement"
    REJETEE = "rejetee", "Rejetée"
    PAYEE = "payee", "Mise en paiement"


class NatureFacture(models.TextChoices):
    ACOMPTE = "acompte", "Acompte"
    SOLDE = "solde", "Solde"


# Invoices that count against the bon's amount (a rejected one no longer does).
EN_COURS = (StatutFacture.RECUE, StatutFacture.ACCEPTEE, StatutFacture.PAYEE)


class FactureQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The titulaire its own invoices, the service those of its bons, the DGALN all: the
        invoices of the bons the person sees."""
        return self.filter(bon__in=BonDeCommande.objects.visible_to(user).values("pk"))

    def en_cours(self):
        return self.filter(statut__in=EN_COURS)

    def total_ttc(self):
        return self.aggregate(total=Sum("montant_ttc"))["total"] or Decimal("0.00")


class Facture(FichierAnalyse):
    bon = models.ForeignKey(BonDeCommande, on_delete=models.PROTECT, related_name="factures")
    nature = models.CharField(max_length=10, choices=NatureFacture.choices)
    numero = models.CharField("n° de facture", max_length=40)
    reference_chorus = models.CharField("référence Chorus Pro", max_length=40)
    recue_le = models.DateField("reçue dans Chorus Pro le")
    montant_ht = models.DecimalField(
        "montant HT (€)", max_digits=12, decimal_places=2, validators=[MinValueValidator(CENTIME)]
    )
    montant_tva = models.DecimalField(
        "TVA (€)", max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    montant_ttc = models.DecimalField("montant TTC (€)", max_digits=12, decimal_places=2)
    fichier = models.FileField(max_length=200, upload_to=CheminAleatoire("commandes/factures"))
    nom_fichier = models.CharField("nom du fichier", max_length=200)
    taille = models.PositiveIntegerField()
    statut = models.CharField(
        max_length=10, choices=StatutFacture.choices, default=StatutFacture.RECUE
    )
    # A corrected invoice after a rejection: the deadline resumes with the days already run.
    remplace = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="remplacee_par",
        verbose_name="remplace la facture",
    )
    jours_deja_courus = models.PositiveSmallIntegerField(
        "jours du délai déjà courus", default=0, editable=False
    )
    acceptee_le = models.DateField("acceptée le", null=True, blank=True)
    rejetee_le = models.DateField("rejetée le", null=True, blank=True)
    motif_rejet = models.TextField("motif du rejet", blank=True)
    mise_en_paiement_le = models.DateField("mise en paiement le", null=True, blank=True)
    enregistree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+"
    )
    enregistree_le = models.DateTimeField("enregistrée le", auto_now_add=True)
    modifie_le = models.DateTimeField("modifiée le", auto_now=True)

    objects = FactureQuerySet.as_manager()

    class Meta:
        verbose_name = "facture"
        ordering = ["bon", "recue_le", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(montant_ht__gt=0), name="facture_montant_positif"),
            models.CheckConstraint(
                condition=Q(montant_ttc=F("montant_ht") + F("montant_tva")),
                name="facture_ttc_egal_ht_plus_tva",
            ),
        ]
        indexes = [models.Index(fields=["statut", "recue_le"], name="facture_statut_idx")]

    def __str__(self):
        return f"Facture {self.numero}"

    def save(self, *args, **kwargs):
        self.montant_ttc = self.montant_ht + self.montant_tva
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "montant_ttc"}
        super().save(*args, **kwargs)

    @property
    def est_rejetee(self):
        return self.statut == StatutFacture.REJETEE

    def sujet_du_journal(self):
        return self.bon, self.enregistree_par


class TauxBCE(models.Model):
    """The rate of the ECB's main refinancing operations in force on the first day of a
    semester (1 January or 1 July): late-payment interest runs at it plus 8 points."""

    semestre = models.DateField(
        "premier jour du semestre", unique=True, help_text="Le 1er janvier ou le 1er juillet."
    )
    taux = models.DecimalField(
        "taux de la BCE (%)",
        max_digits=5,
        decimal_places=3,
        help_text="Taux des opérations principales de refinancement, en vigueur ce jour-là.",
    )

    class Meta:
        verbose_name = "taux de la BCE"
        verbose_name_plural = "taux de la BCE"
        ordering = ["-semestre"]

    def __str__(self):
        return f"Taux BCE au {self.semestre:%d/%m/%Y} : {self.taux} %"

    def clean(self):
        if self.semestre and (self.semestre.day, self.semestre.month) not in ((1, 1), (1, 7)):
            raise ValidationError(
                {"semestre": "Un semestre commence le 1er janvier ou le 1er juillet."}
            )

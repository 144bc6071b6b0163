"""Bons de commande: the orders the pilot service emits to the titulaire under the accord-cadre.

A bon states what is ordered and for how much (R2162-13): its object as a line of quantity,
unit and unit price, its period of execution, amounts HT, TVA and TTC computed in ``Decimal``
to the cent, the Chorus engagement juridique number and code service that the titulaire's
invoice must carry. One or two bons per atelier; the bons emitted under an
accord-cadre never pass its maximum (both rules are checked in ``commandes.transitions``).
"""

from calendar import monthrange
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q, Sum

from ateliers.models import Atelier

CENTIME = Decimal("0.01")


def calculer_montants(montant_ht, taux_tva):
    """``(tva, ttc)`` for an amount HT and a VAT rate in %, rounded half-up to the cent."""
    ht = Decimal(montant_ht).quantize(CENTIME, rounding=ROUND_HALF_UP)
    tva = (ht * Decimal(taux_tva) / 100).quantize(CENTIME, rounding=ROUND_HALF_UP)
    return tva, ht + tva


class StatutBon(models.TextChoices):
    BROUILLON = "brouillon", "Brouillon"
    EMIS = "emis", "Émis"
    NOTIFIE = "notifie", "Notifié au titulaire"
    EXECUTE = "execute", "Exécuté (service fait)"
    ANNULE = "annule", "Annulé"


# States in which a bon commits money under the accord-cadre.
ENGAGES = (StatutBon.EMIS, StatutBon.NOTIFIE, StatutBon.EXECUTE)

engagement_chorus = RegexValidator(
    r"^[0-9]{10}$", "Le numéro d'engagement juridique Chorus compte 10 chiffres."
)


class BonDeCommandeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Bons ``user`` may see: the service its ateliers' bons, the DGALN all, a titulaire
        the bons of its ateliers once emitted (a draft is the service's business)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.est_agent:
            return self.filter(atelier__service_pilote_id=user.organisation_id)
        if user.est_dgaln:
            return self.all()
        if user.est_prestataire:
            return self.filter(atelier__in=Atelier.objects.visible_to(user).values("pk")).exclude(
                statut=StatutBon.BROUILLON
            )
        return self.none()

    def engages(self):
        return self.filter(statut__in=ENGAGES)

    def actifs(self):
        """Bons that count towards an atelier's two: every one but the cancelled."""
        return self.exclude(statut=StatutBon.ANNULE)

    def total_ht(self):
        return self.aggregate(total=Sum("montant_ht"))["total"] or Decimal("0.00")


# A bon runs, by default, as long as the programme's longest atelier (4 to 8 months).
DUREE_EXECUTION_MOIS = 8


def fin_d_execution_par_defaut(jour):
    """``jour`` plus ``DUREE_EXECUTION_MOIS`` months (the last day of a shorter month)."""
    mois = jour.month - 1 + DUREE_EXECUTION_MOIS
    annee, mois = jour.year + mois // 12, mois % 12 + 1
    return jour.replace(year=annee, month=mois, day=min(jour.day, monthrange(annee, mois)[1]))


class Unite(models.TextChoices):
    FORFAIT = "forfait", "forfait"
    JOURNEE = "journee", "journée"
    ATELIER = "atelier", "atelier"


class BonDeCommande(models.Model):
    atelier = models.ForeignKey(Atelier, on_delete=models.PROTECT, related_name="bons")
    ordre = models.PositiveSmallIntegerField("n° d'ordre dans l'atelier")
    numero = models.CharField("numéro", max_length=30, unique=True)
    objet = models.CharField(max_length=300)
    montant_ht = models.DecimalField(
        "montant HT (€)",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(CENTIME)],
    )
    taux_tva = models.DecimalField(
        "taux de TVA (%)",
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    montant_tva = models.DecimalField("TVA (€)", max_digits=12, decimal_places=2, editable=False)
    montant_ttc = models.DecimalField(
        "montant TTC (€)", max_digits=12, decimal_places=2, editable=False
    )
    quantite = models.PositiveSmallIntegerField(
        "quantité", default=1, validators=[MinValueValidator(1)]
    )
    unite = models.CharField("unité", max_length=10, choices=Unite.choices, default=Unite.FORFAIT)
    fin_execution = models.DateField(
        "exécution jusqu'au",
        null=True,
        blank=True,
        help_text="Le bon s'exécute de sa notification au titulaire jusqu'à cette date.",
    )
    engagement_juridique = models.CharField(
        "n° d'engagement juridique (Chorus)",
        max_length=10,
        blank=True,
        validators=[engagement_chorus],
    )
    code_service = models.CharField(
        "code service (Chorus Pro)",
        max_length=100,
        blank=True,
        help_text="Le code service que la facture du titulaire doit porter.",
    )
    statut = models.CharField(max_length=10, choices=StatutBon.choices, default=StatutBon.BROUILLON)
    date_emission = models.DateField("émis le", null=True, blank=True)
    date_notification = models.DateField("notifié le", null=True, blank=True)
    date_service_fait = models.DateField("service fait le", null=True, blank=True)
    commentaire_service_fait = models.TextField("attestation de service fait", blank=True)
    motif_annulation = models.TextField("motif d'annulation", blank=True)
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+"
    )
    cree_le = models.DateTimeField("créé le", auto_now_add=True)
    modifie_le = models.DateTimeField("modifié le", auto_now=True)

    objects = BonDeCommandeQuerySet.as_manager()

    class Meta:
        verbose_name = "bon de commande"
        verbose_name_plural = "bons de commande"
        ordering = ["atelier", "ordre"]
        constraints = [
            models.UniqueConstraint(fields=["atelier", "ordre"], name="un_ordre_par_atelier"),
            models.CheckConstraint(condition=Q(montant_ht__gt=0), name="bon_montant_positif"),
            models.CheckConstraint(
                condition=Q(montant_ttc=F("montant_ht") + F("montant_tva")),
                name="bon_ttc_egal_ht_plus_tva",
            ),
        ]
        indexes = [
            models.Index(fields=["statut"]),
            models.Index(fields=["-cree_le"], name="bon_creation_idx"),
        ]

    def __str__(self):
        return f"Bon de commande {self.numero}"

    def save(self, *args, **kwargs):
        self.montant_tva, self.montant_ttc = calculer_montants(self.montant_ht, self.taux_tva)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "montant_tva", "montant_ttc"}
        super().save(*args, **kwargs)

    @property
    def prix_unitaire_ht(self):
        return (self.montant_ht / self.quantite).quantize(CENTIME)

    @property
    def est_engage(self):
        return self.statut in ENGAGES


# The titulaire's invoices and the ECB rates of late-payment interest (their own module).
from .modeles_factures import Facture, TauxBCE  # noqa: E402, F401

"""Accords-cadres and their titulaires.

An accord-cadre is the multi-attributaire framework contract (4 years at most, Code de la
commande publique L2125-1) with a maximum amount (R2162-4). Each titulaire is a groupement: a
mandataire company plus co-traitants, ranked in the tourniquet order.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from comptes.models import Organisation, Role
from socle.formats import date_longue

DUREE_MAX_ANNEES = 4


def _plus_annees(jour: date, annees: int) -> date:
    try:
        return jour.replace(year=jour.year + annees)
    except ValueError:  # 29 February
        return jour.replace(year=jour.year + annees, day=28)


class AccordCadreQuerySet(models.QuerySet):
    def en_vigueur(self):
        """The accord-cadre in force (a constraint allows one at most), or None."""
        return self.filter(statut=AccordCadre.Statut.EN_VIGUEUR).first()


class AccordCadre(models.Model):
    class Statut(models.TextChoices):
        PREPARATION = "preparation", "En préparation"
        EN_VIGUEUR = "en_vigueur", "En vigueur"
        ECHU = "echu", "Échu"

    reference = models.CharField("référence", max_length=50, unique=True)
    intitule = models.CharField("intitulé", max_length=300)
    date_debut = models.DateField("date de début")
    date_fin = models.DateField("date de fin")
    montant_max_ht = models.DecimalField(
        "montant maximum HT (€)",
        max_digits=12,
        decimal_places=2,
        validators=[
            MinValueValidator(
                Decimal("0.01"), message="Le montant maximum doit être supérieur à zéro."
            )
        ],
    )
    taux_tva = models.DecimalField(
        "taux de TVA (%)",
        max_digits=4,
        decimal_places=2,
        default=Decimal("20.00"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    statut = models.CharField(max_length=12, choices=Statut.choices, default=Statut.PREPARATION)

    class RegleEcart(models.TextChoices):
        GARDE_SA_PLACE = "garde_sa_place", "Le titulaire écarté garde sa place"
        PERD_SON_TOUR = "perd_son_tour", "Le titulaire écarté perd son tour"

    regle_ecart = models.CharField(
        "règle du tourniquet pour un titulaire écarté",
        max_length=15,
        choices=RegleEcart.choices,
        default=RegleEcart.GARDE_SA_PLACE,
        help_text=(
            "Garde sa place : un titulaire écarté (il décline, conflit d'intérêts, "
            "indisponible) est proposé en priorité pour l'atelier suivant. Perd son tour : "
            "le tourniquet continue comme s'il avait été servi. Règle annoncée dans "
            "l'accord-cadre ; elle s'applique à chaque attribution."
        ),
    )
    montant_atelier_ht = models.DecimalField(
        "montant par défaut d'un atelier HT (€)",
        max_digits=10,
        decimal_places=2,
        default=Decimal("20000.00"),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="Proposé à l'attribution ; modifiable atelier par atelier.",
    )
    # The tourniquet's state, moved only by marches.tourniquet under a lock on this row: the
    # rank of the last titulaire served in the regular order (0: nobody yet), and the turns
    # owed to titulaires that kept their place, oldest first, as [[rank, count], ...].
    rang_dernier_servi = models.PositiveSmallIntegerField(default=0, editable=False)
    tours_dus = models.JSONField(default=list, editable=False)
    cree_le = models.DateTimeField("créé le", auto_now_add=True)
    modifie_le = models.DateTimeField("modifié le", auto_now=True)
    modifie_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name="modifié par",
    )

    objects = AccordCadreQuerySet.as_manager()

    class Meta:
        verbose_name = "accord-cadre"
        verbose_name_plural = "accords-cadres"
        ordering = ["-date_debut"]
        constraints = [
            models.UniqueConstraint(
                fields=["statut"],
                condition=Q(statut="en_vigueur"),
                name="un_seul_accord_cadre_en_vigueur",
                violation_error_message="Un seul accord-cadre peut être en vigueur à la fois.",
            ),
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
            if self.date_fin >= _plus_annees(self.date_debut, DUREE_MAX_ANNEES):
                dernier_jour = _plus_annees(self.date_debut, DUREE_MAX_ANNEES) - timedelta(days=1)
                raise ValidationError(
                    {
                        "date_fin": "Un accord-cadre dure au plus quatre ans (Code de la "
                        "commande publique, art. L2125-1) : commencé le "
                        f"{date_longue(self.date_debut)}, il finit au plus tard le "
                        f"{date_longue(dernier_jour)}."
                    }
                )
            chevauche = (
                AccordCadre.objects.exclude(pk=self.pk)
                .filter(date_debut__lte=self.date_fin, date_fin__gte=self.date_debut)
                .first()
            )
            if chevauche:
                raise ValidationError(
                    {
                        "date_debut": f"Ces dates chevauchent celles de l'accord-cadre "
                        f"{chevauche.reference} (du {date_longue(chevauche.date_debut)} au "
                        f"{date_longue(chevauche.date_fin)}) : deux accords-cadres du "
                        "programme se suivent sans se recouvrir."
                    }
                )


class TitulaireQuerySet(models.QuerySet):
    def de_la_societe(self, organisation):
        """Groupements that a prestataire company belongs to (as mandataire or co-traitant)."""
        return self.filter(membres__organisation=organisation).distinct()


class Titulaire(models.Model):
    accord_cadre = models.ForeignKey(
        AccordCadre,
        on_delete=models.PROTECT,
        related_name="titulaires",
        verbose_name="accord-cadre",
    )
    nom = models.CharField("nom du groupement", max_length=200)
    rang = models.PositiveSmallIntegerField(
        "rang dans le tourniquet", validators=[MinValueValidator(1)]
    )
    actif = models.BooleanField(
        default=True, help_text="Un titulaire inactif ne reçoit plus de proposition."
    )
    cree_le = models.DateTimeField("créé le", auto_now_add=True)
    modifie_le = models.DateTimeField("modifié le", auto_now=True)

    objects = TitulaireQuerySet.as_manager()

    class Meta:
        verbose_name = "titulaire (groupement)"
        verbose_name_plural = "titulaires (groupements)"
        ordering = ["accord_cadre", "rang"]
        constraints = [
            models.UniqueConstraint(
                fields=["accord_cadre", "rang"],
                name="un_rang_par_accord_cadre",
                violation_error_message="Ce rang est déjà pris dans cet accord-cadre.",
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


def equipe_des_groupements(titulaires):
    """Active prestataire users of every company of these groupements."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            role=Role.PRESTATAIRE,
            is_active=True,
            organisation__groupements__titulaire__in=titulaires,
        )
        .distinct()
    )


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


class Nature(models.TextChoices):
    NORMAL = "normal", "Tour normal"
    RATTRAPAGE = "rattrapage", "Rattrapage d'un tour dû"


class TourDeTourniquet(models.Model):
    """One line of the rotation ledger: a titulaire proposed for a file, and what came of it.

    Each line keeps the rotation's state just before it (``etat_avant``), so that
    ``marches.tourniquet.verifier`` can replay the ledger and show that every proposal was
    the one the rule gave.
    """

    class Issue(models.TextChoices):
        ATTRIBUE = "attribue", "Atelier attribué"
        ECARTE = "ecarte", "Titulaire écarté"

    class Motif(models.TextChoices):
        DECLINE = "decline", "Décliné par le titulaire"
        CONFLIT = "conflit", "Conflit d'intérêts"
        INDISPONIBLE = "indisponible", "Titulaire indisponible"

    accord_cadre = models.ForeignKey(
        AccordCadre,
        on_delete=models.PROTECT,
        related_name="registre_tourniquet",
        verbose_name="accord-cadre",
    )
    numero = models.PositiveIntegerField("n°")
    candidature = models.ForeignKey(
        "candidatures.Candidature", on_delete=models.PROTECT, related_name="tours_de_tourniquet"
    )
    titulaire = models.ForeignKey(Titulaire, on_delete=models.PROTECT, related_name="tours")
    rang = models.PositiveSmallIntegerField("rang au moment du tour")
    nature = models.CharField(max_length=10, choices=Nature.choices)
    issue = models.CharField(max_length=8, choices=Issue.choices)
    motif = models.CharField(max_length=12, choices=Motif.choices, blank=True)
    commentaire = models.TextField(blank=True)
    regle = models.CharField(
        "règle appliquée", max_length=15, choices=AccordCadre.RegleEcart.choices
    )
    etat_avant = models.JSONField("état du tourniquet avant", default=dict)
    # RESTRICT: a person who acted in the ledger cannot be deleted (traceability).
    acteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+"
    )
    date = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tour de tourniquet"
        verbose_name_plural = "registre du tourniquet"
        ordering = ["accord_cadre", "numero"]
        constraints = [
            models.UniqueConstraint(fields=["accord_cadre", "numero"], name="un_numero_par_tour"),
            models.CheckConstraint(
                condition=Q(issue="attribue", motif="") | Q(issue="ecarte") & ~Q(motif=""),
                name="tour_motif_si_ecarte",
            ),
        ]

    def __str__(self):
        return f"Tour {self.numero} — {self.titulaire} — {self.get_issue_display()}"


def numero_du_dernier_tour(accord_cadre):
    """The number of the accord-cadre's last tour (0 before the first)."""
    return (
        TourDeTourniquet.objects.filter(accord_cadre=accord_cadre)
        .order_by("-numero")
        .values_list("numero", flat=True)
        .first()
        or 0
    )


class DecisionTourniquet(models.Model):
    """A change of the rotation itself, decided by a DGALN administrator with its reason: the
    titulaires' order, or a titulaire set aside from every proposal, or brought back.

    It sits in the ledger after tour ``apres_tour``. It keeps the titulaires' ranks and the
    rotation's state before and after, so that ``marches.tourniquet.verifier`` replays it with
    the tours: the order never changes silently once it has served."""

    accord_cadre = models.ForeignKey(
        AccordCadre,
        on_delete=models.PROTECT,
        related_name="decisions_tourniquet",
        verbose_name="accord-cadre",
    )
    apres_tour = models.PositiveIntegerField("après le tour n°", default=0)
    libelle = models.CharField("décision", max_length=500)
    motif = models.TextField("motif")
    # [[titulaire pk, rang, actif], ...] in rank order
    titulaires_avant = models.JSONField("titulaires avant", default=list)
    titulaires_apres = models.JSONField("titulaires après", default=list)
    etat_avant = models.JSONField("état du tourniquet avant", default=dict)
    etat_apres = models.JSONField("état du tourniquet après", default=dict)
    acteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+", verbose_name="par"
    )
    date = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "décision sur le tourniquet"
        verbose_name_plural = "décisions sur le tourniquet"
        ordering = ["accord_cadre", "date", "pk"]

    def __str__(self):
        return self.libelle

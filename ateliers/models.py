"""Ateliers: the workshop a titulaire runs once a candidature is attributed to it.

An atelier moves forward through its phases (cadrage, animation sur site, production des
livrables, restitution à distance, clôture); each phase has planned and actual dates. The
titulaire proposes the on-site programme, which the pilot service validates; the collectivité
ticks off what it takes on for the on-site days (``EngagementCollectivite``). The service, the
titulaire, the collectivité and the DGALN talk in the atelier's thread. Who may see an atelier is in
``querysets``, who may do what in ``permissions`` and in the tables of ``workflow``, every
change in ``transitions`` (and ``attribution``), the planning's warnings in ``planning``.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from candidatures.models import Candidature
from comptes.models import Organisation
from marches.models import AccordCadre, Titulaire

from .querysets import AtelierQuerySet, ProgrammeQuerySet


class Phase(models.TextChoices):
    CADRAGE = "cadrage", "Cadrage et appropriation"
    ANIMATION = "animation", "Animation sur site"
    PRODUCTION = "production", "Production des livrables"
    RESTITUTION = "restitution", "Restitution à distance"
    CLOTURE = "cloture", "Clôturé"


# The phases that are planned (clôture is a moment, not a period), in their order.
PHASES_PLANIFIEES = (Phase.CADRAGE, Phase.ANIMATION, Phase.PRODUCTION, Phase.RESTITUTION)


class Publication(models.TextChoices):
    """Whether the atelier is shown in the public catalogue of ateliers réalisés."""

    A_LA_CLOTURE = "a_la_cloture", "Publié à sa clôture"
    PUBLIE = "publie", "Publié dès maintenant"
    NON_PUBLIE = "non_publie", "Non publié"


class Atelier(models.Model):
    candidature = models.OneToOneField(
        Candidature, on_delete=models.PROTECT, related_name="atelier"
    )
    accord_cadre = models.ForeignKey(
        AccordCadre, on_delete=models.PROTECT, related_name="ateliers", verbose_name="accord-cadre"
    )
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
    phase = models.CharField(
        "phase", max_length=20, choices=Phase.choices, default=Phase.CADRAGE, db_index=True
    )
    date_cloture = models.DateField("clôturé le", null=True, blank=True)
    # The public catalogue: the DGALN decides (see ``transitions.publier``).
    publication = models.CharField(
        "publication au catalogue",
        max_length=12,
        choices=Publication.choices,
        default=Publication.A_LA_CLOTURE,
    )
    exemple_inspirant = models.BooleanField(
        "exemple inspirant",
        default=False,
        help_text="Mis en avant sur la page d'accueil du catalogue public.",
    )
    # Loaded from the programme's history (2019 onwards) by ``importer_historique``: no
    # candidature was deposited through the portal, no bon de commande exists here.
    historique = models.BooleanField("importé de l'historique", default=False, editable=False)
    # The programme's own reference of an imported atelier ("AF-2019-012"), so that importing
    # the same file twice refuses what is already here. Empty for ateliers born in the portal.
    reference_historique = models.CharField(
        "référence historique", max_length=30, blank=True, db_index=True, editable=False
    )
    cree_le = models.DateTimeField("créé le", auto_now_add=True)
    modifie_le = models.DateTimeField("modifié le", auto_now=True)

    objects = AtelierQuerySet.as_manager()

    class Meta:
        verbose_name = "atelier"
        ordering = ["-cree_le"]
        indexes = [
            models.Index(fields=["-cree_le"], name="atelier_creation_idx"),
            # The public catalogue: ``publies()``.
            models.Index(fields=["publication", "phase"], name="atelier_publication_idx"),
            # The public catalogue's fingerprint (``catalogue.memoire``): its latest change.
            models.Index(fields=["modifie_le"], name="atelier_modification_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["reference_historique"],
                condition=~models.Q(reference_historique=""),
                name="une_reference_historique",
            )
        ]

    def __str__(self):
        return f"Atelier — {self.candidature.titre}"

    @property
    def reference(self):
        """The programme's reference: the historical one for an imported atelier."""
        return self.reference_historique or self.candidature.reference

    @property
    def attribue_le(self):
        """The day of attribution; None for an imported atelier (its day is not known, and
        the import's own day is not it)."""
        return None if self.historique else timezone.localdate(self.cree_le)

    @property
    def est_cloture(self):
        return self.phase == Phase.CLOTURE

    def preparer_suivi(self):
        """Create what every atelier carries: one planning line per phase, its on-site
        programme (empty) and, unless imported from the history, the collectivité's
        checklist for the on-site days. Called once, when the atelier is created."""
        EtapePlanning.objects.bulk_create(
            EtapePlanning(
                atelier=self,
                phase=phase,
                debut_reel=self.cree_le.date() if phase == Phase.CADRAGE else None,
            )
            for phase in PHASES_PLANIFIEES
        )
        ProgrammeSurSite.objects.create(atelier=self)
        if not self.historique:
            EngagementCollectivite.objects.bulk_create(
                EngagementCollectivite(atelier=self, code=code, libelle=libelle, ordre=ordre)
                for ordre, (code, libelle) in enumerate(ENGAGEMENTS_PAR_DEFAUT)
            )


class EtapePlanning(models.Model):
    """The planned and actual dates of one phase of an atelier."""

    atelier = models.ForeignKey(Atelier, on_delete=models.CASCADE, related_name="planning")
    phase = models.CharField(max_length=20, choices=[(p.value, p.label) for p in PHASES_PLANIFIEES])
    debut_prevu = models.DateField("début prévu", null=True, blank=True)
    fin_prevue = models.DateField("fin prévue", null=True, blank=True)
    debut_reel = models.DateField("début effectif", null=True, blank=True)
    fin_reelle = models.DateField("fin effective", null=True, blank=True)

    class Meta:
        verbose_name = "étape du planning"
        verbose_name_plural = "étapes du planning"
        ordering = ["atelier", "id"]
        constraints = [
            models.UniqueConstraint(fields=["atelier", "phase"], name="une_etape_par_phase"),
            models.CheckConstraint(
                condition=models.Q(fin_prevue__gte=models.F("debut_prevu"))
                | models.Q(fin_prevue__isnull=True)
                | models.Q(debut_prevu__isnull=True),
                name="etape_fin_prevue_apres_debut",
            ),
        ]

    def __str__(self):
        return self.get_phase_display()


class ProgrammeSurSite(models.Model):
    """The on-site programme the titulaire proposes and the pilot service validates."""

    class Statut(models.TextChoices):
        BROUILLON = "brouillon", "En préparation"
        PROPOSE = "propose", "Proposé au service"
        A_REVOIR = "a_revoir", "À revoir"
        VALIDE = "valide", "Validé"

    atelier = models.OneToOneField(Atelier, on_delete=models.CASCADE, related_name="programme")
    statut = models.CharField(max_length=20, choices=Statut.choices, default=Statut.BROUILLON)
    premier_jour = models.DateField("premier jour sur site", null=True, blank=True)
    dernier_jour = models.DateField("dernier jour sur site", null=True, blank=True)
    lieu = models.CharField("lieu d'accueil", max_length=300, blank=True)
    deroule = models.TextField(
        "jours et horaires",
        blank=True,
        help_text="Le déroulé jour par jour : introduction, arpentage, tables de travail, "
        "restitution à chaud, avec les horaires.",
    )
    arpentage = models.TextField(
        "parcours de l'arpentage", blank=True, help_text="Les étapes de la visite de terrain."
    )
    invites = models.TextField(
        "personnes à inviter", blank=True, help_text="Élus, partenaires, habitants, experts…"
    )
    tables = models.TextField("thèmes des tables de travail", blank=True)
    avis_service = models.TextField("avis du service", blank=True)
    modifie_le = models.DateTimeField("modifié le", auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = "programme sur site"
        verbose_name_plural = "programmes sur site"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dernier_jour__gte=models.F("premier_jour"))
                | models.Q(dernier_jour__isnull=True)
                | models.Q(premier_jour__isnull=True),
                name="programme_dernier_jour_apres_premier",
            )
        ]

    def __str__(self):
        return f"Programme sur site — {self.atelier}"

    # What the service needs to validate the programme, in the order of the form.
    CHAMPS_REQUIS = (
        "premier_jour",
        "dernier_jour",
        "lieu",
        "deroule",
        "arpentage",
        "invites",
        "tables",
    )

    def manquants(self):
        """Labels of the fields still empty."""
        return [
            str(self._meta.get_field(nom).verbose_name)
            for nom in self.CHAMPS_REQUIS
            if not getattr(self, nom)
        ]


# What the collectivité takes on for the on-site days (it bears their logistics and catering).
ENGAGEMENTS_PAR_DEFAUT = (
    ("salle", "Réserver et préparer la salle"),
    ("restauration", "Organiser la restauration"),
    ("invitations", "Envoyer les invitations aux élus, partenaires et habitants"),
    ("materiel", "Prévoir le matériel (vidéoprojecteur, cartes, plans)"),
)


class EngagementCollectivite(models.Model):
    """One thing the collectivité takes on for the on-site days, ticked off by it (or by the
    pilot service on its behalf) and read by everyone who follows the atelier."""

    atelier = models.ForeignKey(Atelier, on_delete=models.CASCADE, related_name="engagements")
    code = models.SlugField(max_length=30)
    libelle = models.CharField("engagement", max_length=200)
    ordre = models.PositiveSmallIntegerField(default=0)
    fait_le = models.DateTimeField("fait le", null=True, blank=True)
    fait_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="coché par",
    )

    class Meta:
        verbose_name = "engagement de la collectivité"
        verbose_name_plural = "engagements de la collectivité"
        ordering = ["atelier", "ordre", "id"]
        constraints = [
            models.UniqueConstraint(fields=["atelier", "code"], name="un_engagement_par_code")
        ]

    def __str__(self):
        return self.libelle

    @property
    def est_fait(self):
        return self.fait_le is not None


class MessageAtelier(models.Model):
    """The atelier's thread: the pilot service, the titulaire, the collectivité and the
    DGALN."""

    atelier = models.ForeignKey(Atelier, on_delete=models.CASCADE, related_name="messages")
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+"
    )
    texte = models.TextField("message")
    date = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "message"
        ordering = ["date", "id"]

    def __str__(self):
        return f"Message de {self.auteur} le {self.date:%d/%m/%Y}"

"""Users, organisations and roles.

A person logs in by e-mail and has exactly one role; a role needs an organisation of the
matching kind (an agent belongs to a service déconcentré, a prestataire to a company).
Files belong to organisations, not to people: when an agent leaves, the service keeps them.
"""

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from referentiels.models import EPCI, Commune, Departement, Region
from socle.identifiants import valider_siret


class Role(models.TextChoices):
    AGENT = "agent", "Agent de service déconcentré"
    INSTRUCTEUR = "instructeur", "Instructeur DGALN"
    ADMINISTRATEUR = "administrateur", "Administrateur DGALN"
    PRESTATAIRE = "prestataire", "Prestataire"
    # An elected official or an agent of a commune or an EPCI, co-porteur of its files.
    COLLECTIVITE = "collectivite", "Membre d'une collectivité"


ROLES_DGALN = (Role.INSTRUCTEUR, Role.ADMINISTRATEUR)


class OrganisationQuerySet(models.QuerySet):
    def services(self):
        return self.filter(type=Organisation.Type.SERVICE)

    def prestataires(self):
        return self.filter(type=Organisation.Type.PRESTATAIRE)

    def de_la_collectivite(self, *, commune=None, epci=None):
        """The organisation of a commune or an EPCI of the référentiel, made the first time
        one of its people is invited: its name and identity come from the référentiel, never
        from a typed text, so that the same collectivité is one organisation over the years."""
        if (commune is None) == (epci is None):
            raise ValueError("Une collectivité est une commune ou un EPCI, pas les deux.")
        filtre = {"commune": commune} if commune else {"epci": epci}
        existante = self.filter(type=Organisation.Type.COLLECTIVITE, **filtre).first()
        if existante:
            return existante
        nom = f"{commune.commune_de} ({commune.code})" if commune else f"{epci.nom} ({epci.siren})"
        return self.create(type=Organisation.Type.COLLECTIVITE, nom=nom, **filtre)


class Organisation(models.Model):
    class Type(models.TextChoices):
        SERVICE = "service", "Service déconcentré"
        DGALN = "dgaln", "DGALN"
        COLLECTIVITE = "collectivite", "Collectivité"
        PRESTATAIRE = "prestataire", "Prestataire"

    class TypeService(models.TextChoices):
        DDT = "DDT", "DDT"
        DDTM = "DDTM", "DDTM"
        DREAL = "DREAL", "DREAL"
        DEAL = "DEAL", "DEAL"
        DRIEAT = "DRIEAT", "DRIEAT (Île-de-France)"

    # Which services are departmental and which regional.
    SERVICES_DEPARTEMENTAUX = (TypeService.DDT, TypeService.DDTM)

    type = models.CharField(max_length=15, choices=Type.choices)
    nom = models.CharField(max_length=200)
    type_service = models.CharField(
        "type de service", max_length=6, choices=TypeService.choices, blank=True
    )
    departement = models.ForeignKey(
        Departement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name="département",
        help_text="Pour une DDT ou une DDTM.",
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name="région",
        help_text="Pour une DREAL, une DEAL ou la DRIEAT.",
    )
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text="Pour une collectivité communale.",
    )
    epci = models.ForeignKey(
        EPCI,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name="EPCI",
        help_text="Pour une collectivité intercommunale.",
    )
    siret = models.CharField(
        "SIRET", max_length=14, blank=True, validators=[valider_siret], help_text="14 chiffres."
    )
    email = models.EmailField("e-mail de contact", blank=True)
    adresse = models.TextField(
        "adresse postale", blank=True, help_text="Imprimée sur les bons de commande."
    )
    # A service's representative of the pouvoir adjudicateur, who signs its bons de commande.
    signataire_nom = models.CharField(
        "nom du signataire des bons de commande",
        max_length=200,
        blank=True,
        help_text="La personne qui a délégation pour engager l'État, par exemple « Anne Martin ».",
    )
    signataire_qualite = models.CharField(
        "qualité du signataire",
        max_length=300,
        blank=True,
        help_text="Par défaut : « Le directeur » ou « La directrice » du service, selon son "
        "type et son territoire.",
    )
    actif = models.BooleanField(default=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = "organisation"
        ordering = ["nom"]
        constraints = [
            models.UniqueConstraint(
                Lower("nom"),
                "type",
                name="un_nom_par_type_d_organisation",
                violation_error_message="Une organisation de ce type porte déjà ce nom.",
            ),
            models.UniqueConstraint(
                fields=["commune"],
                condition=Q(type="collectivite", commune__isnull=False),
                name="une_collectivite_par_commune",
            ),
            models.UniqueConstraint(
                fields=["epci"],
                condition=Q(type="collectivite", epci__isnull=False),
                name="une_collectivite_par_epci",
            ),
            models.UniqueConstraint(
                fields=["type_service", "departement"],
                condition=Q(type="service", departement__isnull=False),
                name="un_service_par_type_et_departement",
            ),
            models.UniqueConstraint(
                fields=["type_service", "region"],
                condition=Q(type="service", departement__isnull=True, region__isnull=False),
                name="un_service_par_type_et_region",
            ),
        ]

    def __str__(self):
        return self.nom

    @property
    def qualite_du_signataire(self):
        """Who signs the service's bons de commande, as the bon prints it."""
        if self.signataire_qualite:
            return self.signataire_qualite
        if self.type_service in self.SERVICES_DEPARTEMENTAUX:
            return f"Pour le préfet et par délégation, le directeur de la {self.nom}"
        if self.type_service:
            return f"Pour le préfet de région et par délégation, le directeur de la {self.nom}"
        return "Le représentant du pouvoir adjudicateur"

    def clean(self):
        errors = {}
        if self.type == self.Type.SERVICE:
            if not self.type_service:
                errors["type_service"] = "Indiquez le type du service déconcentré."
            elif self.type_service in self.SERVICES_DEPARTEMENTAUX and not self.departement_id:
                errors["departement"] = "Une DDT ou une DDTM est rattachée à un département."
            elif self.type_service not in self.SERVICES_DEPARTEMENTAUX and not self.region_id:
                errors["region"] = "Une DREAL, une DEAL ou la DRIEAT est rattachée à une région."
        elif self.type_service:
            errors["type_service"] = "Seul un service déconcentré a un type de service."
        if self.type == self.Type.COLLECTIVITE and not (self.commune_id or self.epci_id):
            errors["commune"] = "Une collectivité est une commune ou un EPCI."
        if errors:
            raise ValidationError(errors)

    @property
    def region_effective(self):
        """The région a service works in, whether it is departmental or regional."""
        if self.departement_id:
            return self.departement.region
        return self.region

    @property
    def est_service(self):
        """A service déconcentré: it carries files and pilots ateliers."""
        return self.type == self.Type.SERVICE

    @property
    def est_dgaln(self):
        """The DGALN itself, which neither pilots nor runs an atelier."""
        return self.type == self.Type.DGALN


class UserManager(DjangoUserManager):
    """Users are identified by their e-mail address; there is no username."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("L'adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def dgaln(self):
        """Instructeurs and administrateurs of the DGALN (active or not)."""
        return self.filter(role__in=ROLES_DGALN)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.ADMINISTRATEUR)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    # Which organisation type each role must belong to (None: no organisation required).
    ORGANISATION_DU_ROLE = {
        Role.AGENT: Organisation.Type.SERVICE,
        Role.INSTRUCTEUR: Organisation.Type.DGALN,
        Role.ADMINISTRATEUR: Organisation.Type.DGALN,
        Role.PRESTATAIRE: Organisation.Type.PRESTATAIRE,
        Role.COLLECTIVITE: Organisation.Type.COLLECTIVITE,
    }

    username = None
    email = models.EmailField("adresse e-mail", unique=True)
    role = models.CharField("rôle", max_length=15, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="membres",
    )
    fonction = models.CharField(max_length=200, blank=True)
    telephone = models.CharField("téléphone", max_length=30, blank=True)
    # The SIRET of the establishment the agent works for, as ProConnect gives it.
    siret = models.CharField(
        "SIRET de l'établissement",
        max_length=14,
        blank=True,
        validators=[valider_siret],
        help_text="Fourni par ProConnect à la connexion.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = "utilisateur"
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.get_full_name() or self.email

    def clean(self):
        super().clean()
        self.email = self.email.strip().lower()
        attendu = self.ORGANISATION_DU_ROLE.get(self.role)
        if attendu and not self.is_superuser:
            if self.organisation is None:
                raise ValidationError(
                    {"organisation": "Ce rôle exige une organisation de rattachement."}
                )
            if self.organisation.type != attendu:
                raise ValidationError(
                    {
                        "organisation": (
                            f"Un « {self.get_role_display()} » doit être rattaché à une "
                            f"organisation de type « {Organisation.Type(attendu).label} »."
                        )
                    }
                )

    def save(self, *args, **kwargs):
        # Only DGALN administrators use the Django admin.
        self.is_staff = self.role == Role.ADMINISTRATEUR or self.is_superuser
        super().save(*args, **kwargs)
        from .roles import synchroniser_groupe

        synchroniser_groupe(self)

    # Role shortcuts used by querysets and permissions (never recomputed in templates).
    @property
    def est_agent(self):
        return self.is_authenticated and self.role == Role.AGENT

    @property
    def est_dgaln(self):
        return self.is_authenticated and self.role in ROLES_DGALN

    @property
    def est_prestataire(self):
        return self.is_authenticated and self.role == Role.PRESTATAIRE

    @property
    def est_collectivite(self):
        """A member of a commune or an EPCI: co-porteur of the files it is invited on."""
        return self.is_authenticated and self.role == Role.COLLECTIVITE


class InvitationQuerySet(models.QuerySet):
    def en_cours(self):
        """Neither accepted nor cancelled (still waiting, or expired and to be sent again)."""
        return self.filter(acceptee_le__isnull=True, annulee_le__isnull=True)


class Invitation(models.Model):
    """A person invited by e-mail into an organisation with a role.

    The link holds a random token; only its SHA-256 is stored, so the table never holds a
    usable link. Sending it again draws a new token (the old link stops working).
    """

    email = models.EmailField("adresse e-mail")
    prenom = models.CharField("prénom", max_length=150)
    nom = models.CharField(max_length=150)
    role = models.CharField("rôle", max_length=15, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="invitations"
    )
    invite_par = models.ForeignKey(
        User,
        on_delete=models.RESTRICT,
        related_name="invitations_envoyees",
        verbose_name="invité par",
    )
    empreinte_jeton = models.CharField(max_length=64, unique=True)
    creee_le = models.DateTimeField("créée le", auto_now_add=True)
    envoyee_le = models.DateTimeField("envoyée le")
    envois = models.PositiveSmallIntegerField("nombre d'envois", default=1)
    expire_le = models.DateTimeField("expire le")
    acceptee_le = models.DateTimeField("acceptée le", null=True, blank=True)
    annulee_le = models.DateTimeField("annulée le", null=True, blank=True)
    compte = models.OneToOneField(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitation"
    )
    # Why the person is invited, in the e-mail and on the acceptance page (a collectivité is
    # invited on one file: « co-porteur du dossier … »).
    objet = models.CharField("objet de l'invitation", max_length=300, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "invitation"
        ordering = ["-envoyee_le", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(acceptee_le__isnull=True, annulee_le__isnull=True),
                name="une_invitation_en_cours_par_email",
            )
        ]

    def __str__(self):
        return f"Invitation de {self.email}"

    def est_expiree(self, maintenant=None):
        return (maintenant or timezone.now()) >= self.expire_le

    @property
    def etat(self):
        if self.acceptee_le:
            return "acceptée"
        if self.annulee_le:
            return "annulée"
        return "expirée" if self.est_expiree() else "en attente"

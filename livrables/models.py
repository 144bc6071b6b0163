"""Livrables: what a titulaire delivers for an atelier.

- The expected livrables are agreed per atelier (a type from the programme, a due date); the
  titulaire uploads versions, every version is kept, and the pilot service (or the DGALN)
  validates the latest or sends it back with a comment.
- Two livrables are also held as data, not only as files: the feuille de route (axes
  d'intervention and their key actions) and the fiche synthétique (with the identity card of
  the public catalogue and a few images).

Who may see a livrable is ``Livrable.objects.visible_to(user)`` (that of its atelier; for the
collectivité co-porteur, only what the service validated), which of its versions
``Version.objects.visible_to(user)``, who may do what is in ``permissions``, every change in
``transitions``.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from antivirus.models import FichierAnalyse, FichierAnalyseQuerySet
from ateliers.models import Atelier
from referentiels.models import Thematique
from socle.fichiers import CheminAleatoire


class Type(models.TextChoices):
    FEUILLE_DE_ROUTE = "feuille_de_route", "Feuille de route"
    PLAN_GUIDE = "plan_guide", "Esquisse de plan-guide"
    CAHIER_DES_CHARGES = "cahier_des_charges", "Cahier des charges"
    CHARTE = "charte", "Charte"
    COMMUNICATION = "communication", "Éléments de communication"
    FICHE_SYNTHETIQUE = "fiche_synthetique", "Fiche synthétique"
    AUTRE = "autre", "Autre livrable"


FAMILLES = {
    Type.FEUILLE_DE_ROUTE: "Stratégique",
    Type.PLAN_GUIDE: "Stratégique",
    Type.CAHIER_DES_CHARGES: "Opérationnel",
    Type.CHARTE: "Opérationnel",
    Type.COMMUNICATION: "Opérationnel",
    Type.FICHE_SYNTHETIQUE: "Capitalisation",
    Type.AUTRE: "Autre",
}


class StatutLivrable(models.TextChoices):
    ATTENDU = "attendu", "Attendu"
    DEPOSE = "depose", "À valider"
    A_REPRENDRE = "a_reprendre", "À reprendre"
    VALIDE = "valide", "Validé"


class LivrableQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The livrables of the ateliers ``user`` may see (the one rule, that of ateliers); a
        member of the collectivité co-porteur sees only those the service validated (never
        a draft, a version waiting for its review or one sent back)."""
        livrables = self.filter(atelier__in=Atelier.objects.visible_to(user))
        if user.is_authenticated and user.est_collectivite:
            livrables = livrables.filter(statut=StatutLivrable.VALIDE)
        return livrables

    def en_retard(self, jour=None):
        """Not validated and past their due date."""
        jour = jour or timezone.localdate()
        return self.exclude(statut=StatutLivrable.VALIDE).filter(echeance__lt=jour)


class Livrable(models.Model):
    atelier = models.ForeignKey(Atelier, on_delete=models.PROTECT, related_name="livrables")
    type = models.CharField(max_length=30, choices=Type.choices)
    intitule = models.CharField(
        "intitulé", max_length=200, blank=True, help_text="Facultatif, sauf pour « Autre »."
    )
    echeance = models.DateField("échéance")
    statut = models.CharField(
        max_length=20, choices=StatutLivrable.choices, default=StatutLivrable.ATTENDU, db_index=True
    )
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+"
    )
    cree_le = models.DateTimeField("créé le", auto_now_add=True)
    modifie_le = models.DateTimeField("modifié le", auto_now=True)

    objects = LivrableQuerySet.as_manager()

    class Meta:
        verbose_name = "livrable"
        ordering = ["echeance", "id"]
        indexes = [models.Index(fields=["echeance", "id"], name="livrable_echeance_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["atelier", "type"],
                condition=~models.Q(type="autre"),
                name="un_livrable_par_type_et_atelier",
                violation_error_message="Ce livrable est déjà attendu pour cet atelier.",
            )
        ]

    def __str__(self):
        return self.nom

    @property
    def nom(self):
        if self.intitule:
            return self.intitule
        return Type(self.type).label

    @property
    def famille(self):
        return FAMILLES[Type(self.type)]

    def est_en_retard(self, jour=None):
        return self.statut != StatutLivrable.VALIDE and self.echeance < (
            jour or timezone.localdate()
        )

    @property
    def attend_un_avis(self):
        """Its last version waits for the service's review (a new one would replace it)."""
        return self.statut == StatutLivrable.DEPOSE


class VersionQuerySet(FichierAnalyseQuerySet):
    def visible_to(self, user):
        """The versions of the livrables ``user`` may see; the collectivité reads only the
        validated ones."""
        versions = self.filter(livrable__in=Livrable.objects.visible_to(user))
        if user.is_authenticated and user.est_collectivite:
            versions = versions.filter(avis=Version.Avis.VALIDEE)
        return versions


class Version(FichierAnalyse):
    """One file the titulaire uploaded for a livrable; versions are never deleted."""

    class Avis(models.TextChoices):
        EN_ATTENTE = "en_attente", "En attente d'avis"
        VALIDEE = "validee", "Validée"
        A_REPRENDRE = "a_reprendre", "À reprendre"
        REMPLACEE = "remplacee", "Remplacée par une version suivante"

    livrable = models.ForeignKey(Livrable, on_delete=models.PROTECT, related_name="versions")
    numero = models.PositiveSmallIntegerField("version")
    fichier = models.FileField(max_length=200, upload_to=CheminAleatoire("livrables"))
    nom_fichier = models.CharField("nom du fichier", max_length=200)
    type_mime = models.CharField(max_length=100)
    taille = models.PositiveIntegerField()
    note = models.TextField("note du titulaire", blank=True)
    deposee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+"
    )
    deposee_le = models.DateTimeField("déposée le", auto_now_add=True)
    avis = models.CharField(max_length=20, choices=Avis.choices, default=Avis.EN_ATTENTE)
    commentaire = models.TextField("commentaire du service", blank=True)
    avis_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
    )
    avis_le = models.DateTimeField(null=True, blank=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        verbose_name = "version"
        ordering = ["livrable", "-numero"]
        constraints = [
            models.UniqueConstraint(fields=["livrable", "numero"], name="une_version_par_numero")
        ]

    def __str__(self):
        return f"{self.livrable} — version {self.numero}"

    def sujet_du_journal(self):
        return self.livrable, self.deposee_par


class Priorite(models.TextChoices):
    COURT = "court", "Court terme (moins d'un an)"
    MOYEN = "moyen", "Moyen terme (1 à 3 ans)"
    LONG = "long", "Long terme (plus de 3 ans)"


class Axe(models.Model):
    """An axe d'intervention of the feuille de route."""

    atelier = models.ForeignKey(Atelier, on_delete=models.CASCADE, related_name="axes")
    ordre = models.PositiveSmallIntegerField(default=0)
    titre = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        verbose_name = "axe d'intervention"
        verbose_name_plural = "axes d'intervention"
        ordering = ["atelier", "ordre", "id"]

    def __str__(self):
        return self.titre


class ActionCle(models.Model):
    """A key action of an axe: theme, priority, lead actor and optional cost estimate."""

    axe = models.ForeignKey(Axe, on_delete=models.CASCADE, related_name="actions")
    ordre = models.PositiveSmallIntegerField(default=0)
    intitule = models.CharField("intitulé", max_length=300)
    description = models.TextField(blank=True)
    thematique = models.ForeignKey(
        Thematique,
        on_delete=models.PROTECT,
        related_name="actions_cles",
        verbose_name="thématique",
    )
    priorite = models.CharField("priorité", max_length=10, choices=Priorite.choices)
    porteur = models.CharField(
        "porteur de l'action", max_length=200, help_text="Qui la mène : commune, EPCI, DDT…"
    )
    cout_estime = models.DecimalField(
        "coût estimé (€ HT)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = "action clé"
        verbose_name_plural = "actions clés"
        ordering = ["axe", "ordre", "id"]

    def __str__(self):
        return self.intitule


class FicheSynthetique(models.Model):
    """The fiche synthétique: what the public catalogue shows of the atelier."""

    FORMAT = "Atelier Flash"
    IMAGES_MAX = 4

    atelier = models.OneToOneField(
        Atelier, on_delete=models.CASCADE, related_name="fiche_synthetique"
    )
    annee = models.PositiveSmallIntegerField("année", null=True, blank=True)
    territoire = models.CharField("territoire bénéficiaire", max_length=300, blank=True)
    maitrise_ouvrage = models.CharField("maîtrise d'ouvrage", max_length=300, blank=True)
    contexte = models.TextField(blank=True)
    enjeux = models.TextField(blank=True)
    productions = models.TextField("ce que l'atelier a produit", blank=True)
    suites = models.TextField("prochaines étapes", blank=True)
    modifie_le = models.DateTimeField("modifiée le", auto_now=True)
    modifie_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+"
    )
    # The pilot service validates the fiche (``fiche_synthetique``): the public catalogue
    # shows an atelier only then, and the fiche no longer changes.
    validee_le = models.DateTimeField("validée le", null=True, blank=True)
    validee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="validée par",
    )

    class Meta:
        verbose_name = "fiche synthétique"
        verbose_name_plural = "fiches synthétiques"
        # The public catalogue's fingerprint (``catalogue.memoire``): the latest validation.
        indexes = [models.Index(fields=["validee_le"], name="fiche_validation_idx")]

    def __str__(self):
        return f"Fiche synthétique — {self.atelier}"

    @property
    def est_validee(self):
        return self.validee_le is not None


class ImageFiche(FichierAnalyse):
    fiche = models.ForeignKey(FicheSynthetique, on_delete=models.CASCADE, related_name="images")
    fichier = models.FileField(max_length=200, upload_to=CheminAleatoire("livrables/images"))
    nom_fichier = models.CharField(max_length=200)
    type_mime = models.CharField(max_length=100)
    taille = models.PositiveIntegerField()
    legende = models.CharField(
        "légende",
        max_length=300,
        help_text="Décrit l'image pour les personnes qui ne la voient pas.",
    )
    credit = models.CharField("crédit", max_length=200, blank=True)
    ajoutee_le = models.DateTimeField("ajoutée le", auto_now_add=True)

    class Meta:
        verbose_name = "image"
        ordering = ["fiche", "id"]

    def __str__(self):
        return self.legende

    def sujet_du_journal(self):
        return self.fiche.atelier, None

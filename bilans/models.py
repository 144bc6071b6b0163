"""The bilan of a closed atelier, one per side (the collectivité co-porteur, the pilot
service), and its follow-ups (« Et après ? »), typed, dated and told in a sentence.

A bilan's row is made when the atelier closes (``demande_le``: the side was asked), or by the
first answer if the side was not asked then (no member of the collectivité yet). The side
answers once and may correct its answer for ``DELAI_DE_CORRECTION`` days; after that the
pilotage counts it as it stands. Who may do what is in ``permissions``, every change in
``services``, the requests and reminders in ``demandes``.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models

from ateliers.models import Atelier
from referentiels.models import ProgrammeANCT

# Days during which the side that answered may still correct its bilan.
DELAI_DE_CORRECTION = 30


class Cote(models.TextChoices):
    COLLECTIVITE = "collectivite", "Collectivité"
    SERVICE = "service", "Service pilote"


class Utilite(models.TextChoices):
    TRES_UTILE = "tres_utile", "Très utile"
    UTILE = "utile", "Utile"
    PEU_UTILE = "peu_utile", "Peu utile"
    PAS_UTILE = "pas_utile", "Pas utile"


class Satisfaction(models.TextChoices):
    TRES_SATISFAISANT = "tres_satisfaisant", "Très satisfaisant"
    SATISFAISANT = "satisfaisant", "Satisfaisant"
    PEU_SATISFAISANT = "peu_satisfaisant", "Peu satisfaisant"
    PAS_SATISFAISANT = "pas_satisfaisant", "Pas satisfaisant"


def _echelle(label, choices):
    return models.CharField(label, max_length=20, choices=choices, blank=True)


class Bilan(models.Model):
    atelier = models.ForeignKey(Atelier, on_delete=models.PROTECT, related_name="bilans")
    cote = models.CharField("côté", max_length=12, choices=Cote.choices)
    demande_le = models.DateTimeField("demandé le", null=True, blank=True)
    relance_le = models.DateTimeField("relancé le", null=True, blank=True)
    utilite_cadrage = _echelle("cadrage et appropriation", Utilite.choices)
    utilite_animation = _echelle("animation sur site", Utilite.choices)
    utilite_production = _echelle("production des livrables", Utilite.choices)
    utilite_restitution = _echelle("restitution à distance", Utilite.choices)
    equipe = _echelle("l'équipe du titulaire", Satisfaction.choices)
    livrables = _echelle("les livrables", Satisfaction.choices)
    recommande = models.BooleanField(
        "recommanderait un Atelier Flash à un autre territoire", null=True, blank=True
    )
    commentaire = models.TextField("commentaire", blank=True)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.RESTRICT,  # kept for traceability
        null=True,
        blank=True,
        related_name="+",
        verbose_name="rempli par",
    )
    repondu_le = models.DateTimeField("rempli le", null=True, blank=True)
    modifie_le = models.DateTimeField("modifié le", null=True, blank=True)

    class Meta:
        verbose_name = "bilan d'atelier"
        verbose_name_plural = "bilans d'ateliers"
        ordering = ["atelier", "cote"]
        constraints = [
            models.UniqueConstraint(fields=["atelier", "cote"], name="un_bilan_par_cote")
        ]

    def __str__(self):
        return f"Bilan ({self.get_cote_display().lower()}) — {self.atelier.candidature.titre}"

    @property
    def est_rempli(self):
        return self.repondu_le is not None

    @property
    def modifiable_jusqu_au(self):
        """The last moment its side may correct it (None while it is not answered)."""
        if self.repondu_le is None:
            return None
        return self.repondu_le + timedelta(days=DELAI_DE_CORRECTION)

    def reponses(self):
        """``[(question, answer in words)]`` in the order of the form."""
        lignes = [(q.libelle, getattr(self, f"get_{q.champ}_display")()) for q in QUESTIONS]
        recommande = {True: "Oui", False: "Non", None: ""}[self.recommande]
        return [*lignes, (RECOMMANDATION, recommande)]


class Question:
    def __init__(self, champ, libelle, echelle):
        self.champ, self.libelle, self.echelle = champ, libelle, echelle


# The questions on a scale, in the order of the form, the atelier's page and the pilotage.
QUESTIONS = (
    Question("utilite_cadrage", "Utilité du cadrage et de l'appropriation", Utilite),
    Question("utilite_animation", "Utilité de l'animation sur site", Utilite),
    Question("utilite_production", "Utilité de la production des livrables", Utilite),
    Question("utilite_restitution", "Utilité de la restitution à distance", Utilite),
    Question("equipe", "L'équipe du titulaire", Satisfaction),
    Question("livrables", "Les livrables", Satisfaction),
)
RECOMMANDATION = "Recommanderait un Atelier Flash à un autre territoire"


class DemandeDeSuites(models.Model):
    """« Et après ? » asked 6 or 12 months after the closure: one row each, sent once."""

    atelier = models.ForeignKey(
        Atelier, on_delete=models.PROTECT, related_name="demandes_de_suites"
    )
    mois = models.PositiveSmallIntegerField("mois après la clôture")
    envoyee_le = models.DateTimeField("envoyée le", auto_now_add=True)

    class Meta:
        verbose_name = "demande de suites"
        verbose_name_plural = "demandes de suites"
        ordering = ["atelier", "mois"]
        constraints = [
            models.UniqueConstraint(fields=["atelier", "mois"], name="une_demande_par_echeance")
        ]

    def __str__(self):
        return f"Suites à {self.mois} mois — {self.atelier.candidature.titre}"


class Nature(models.TextChoices):
    OAP = "oap", "Orientation d'aménagement et de programmation (OAP) créée ou modifiée"
    PLU = "plu", "PLU ou PLUi modifié ou révisé"
    SCOT = "scot", "SCoT modifié ou révisé"
    ETUDE = "etude", "Étude lancée"
    TRAVAUX = "travaux", "Travaux ou opération d'aménagement engagés"
    FINANCEMENT = "financement", "Financement obtenu"
    CANDIDATURE = "candidature", "Candidature à un autre programme"
    RIEN = "rien", "Rien pour l'instant"


# The natures that name a programme or a funding.
NATURES_AVEC_PROGRAMME = (Nature.FINANCEMENT, Nature.CANDIDATURE)


class SuiteQuerySet(models.QuerySet):
    def concretes(self):
        """What the atelier led to (« rien pour l'instant » is not a follow-up)."""
        return self.exclude(nature=Nature.RIEN)


class Suite(models.Model):
    atelier = models.ForeignKey(Atelier, on_delete=models.PROTECT, related_name="suites")
    nature = models.CharField("nature", max_length=12, choices=Nature.choices)
    programme = models.ForeignKey(
        ProgrammeANCT,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="programme de l'ANCT",
    )
    autre_programme = models.CharField("autre programme ou financement", max_length=200, blank=True)
    date = models.DateField("date")
    texte = models.CharField("en une phrase", max_length=500)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.RESTRICT,  # kept for traceability
        null=True,
        related_name="+",
        verbose_name="renseigné par",
    )
    cree_le = models.DateTimeField("renseigné le", auto_now_add=True)

    objects = SuiteQuerySet.as_manager()

    class Meta:
        verbose_name = "suite d'atelier"
        verbose_name_plural = "suites d'ateliers"
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.get_nature_display()} — {self.atelier.candidature.titre}"

    @property
    def programme_nomme(self):
        """The programme or funding in words ("" when none applies)."""
        return self.programme.libelle if self.programme_id else self.autre_programme

"""The collectivité as co-porteur of a file: which collectivités take part in which files.

A collectivité (a commune or an EPCI of the référentiel, as a ``comptes.Organisation``) is
invited by the pilot service on one of its files; its members then see that file, and only
that one, with the atelier it becomes. One collectivité may take part in several files over
the years. Who may do what as co-porteur is in ``permissions``; the invitation itself is in
``coporteurs``.
"""

from django.conf import settings
from django.db import models

from comptes.models import Organisation


class CoPorteur(models.Model):
    candidature = models.ForeignKey(
        "candidatures.Candidature", on_delete=models.CASCADE, related_name="coporteurs"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="dossiers_coportes",
        limit_choices_to={"type": Organisation.Type.COLLECTIVITE},
        verbose_name="collectivité",
    )
    ajoute_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.RESTRICT,
        related_name="+",
        verbose_name="ajoutée par",
    )
    ajoute_le = models.DateTimeField("ajoutée le", auto_now_add=True)

    class Meta:
        verbose_name = "collectivité co-porteuse"
        verbose_name_plural = "collectivités co-porteuses"
        ordering = ["ajoute_le", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidature", "organisation"], name="un_coporteur_par_dossier"
            )
        ]

    def __str__(self):
        return f"{self.organisation} — {self.candidature}"


class RubriqueConfiee(models.Model):
    """A rubric of the fiche the pilot service hands to the collectivité (« à compléter par la
    collectivité »): its co-porteurs may then edit it, in the states the service could."""

    candidature = models.ForeignKey(
        "candidatures.Candidature", on_delete=models.CASCADE, related_name="rubriques_confiees"
    )
    # A code of ``fiche.RUBRIQUES`` (checked by the service that writes it).
    rubrique = models.CharField(max_length=20)
    confiee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.RESTRICT,
        related_name="+",
        verbose_name="confiée par",
    )
    confiee_le = models.DateTimeField("confiée le", auto_now_add=True)

    class Meta:
        verbose_name = "rubrique confiée à la collectivité"
        verbose_name_plural = "rubriques confiées à la collectivité"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidature", "rubrique"], name="une_rubrique_confiee_par_dossier"
            )
        ]

    def __str__(self):
        return f"{self.rubrique} — {self.candidature}"


class Redaction(models.Model):
    """One save of a rubric of the fiche: who wrote it and when (the file's page shows the
    last author of each rubric, the service's or the collectivité's)."""

    candidature = models.ForeignKey(
        "candidatures.Candidature", on_delete=models.CASCADE, related_name="redactions"
    )
    rubrique = models.CharField(max_length=20)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.RESTRICT, related_name="+"
    )
    date = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "rédaction d'une rubrique"
        verbose_name_plural = "rédactions des rubriques"
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.rubrique} — {self.auteur} le {self.date:%d/%m/%Y}"

"""The audit journal: every state change of every business object, who made it and why.

One table for the whole portal (candidatures, ateliers, bons de commande, livrables) so that a
timeline is one query and the journal can be read in one place. Events are never edited or
deleted; the actor link is RESTRICT so that an account that appears here cannot be deleted.

The journal is tamper-evident: once committed, each event is sealed (``journal.chaine``) with
its rank in one chain over the whole journal, the fingerprint of the event before it and its
own fingerprint. ``manage.py verifier_journal`` recomputes the chain and names the first broken
link. On PostgreSQL a trigger refuses any DELETE, and any UPDATE of a sealed event.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class EvenementQuerySet(models.QuerySet):
    def pour(self, objet, *autres):
        """The events of ``objet`` (and of ``autres``, of any kinds: an atelier's page shows
        those of its bons and livrables too), oldest first, with their actor."""
        type_de = ContentType.objects.get_for_model  # cached: no query
        par_type = {}
        for o in (objet, *autres):
            par_type.setdefault(type_de(o), []).append(o.pk)
        quels = models.Q()
        for content_type, pks in par_type.items():
            quels |= models.Q(content_type=content_type, object_id__in=pks)
        evenements = self.filter(quels)
        return evenements.select_related("acteur__organisation")

    def visibles_par(self, user):
        """The events ``user`` may read in a timeline: the internal ones (a DGALN note, an
        assignment, a titulaire set aside) are the DGALN's only."""
        return self if user.est_dgaln else self.filter(interne=False)


class Evenement(models.Model):
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name="type d'enregistrement"
    )
    object_id = models.PositiveBigIntegerField("numéro de l'enregistrement")
    objet = GenericForeignKey("content_type", "object_id")
    date = models.DateTimeField(auto_now_add=True, db_index=True)
    acteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.RESTRICT,  # kept for traceability
        null=True,
        blank=True,
        related_name="+",
        help_text="Vide pour une action automatique du portail.",
    )
    action = models.CharField(max_length=50)
    libelle = models.CharField("libellé", max_length=200)
    etat_avant = models.CharField("état avant", max_length=30, blank=True)
    etat_apres = models.CharField("état après", max_length=30, blank=True)
    commentaire = models.TextField(blank=True)
    # Internal events (a DGALN note, an assignment) are hidden from the services' timeline.
    interne = models.BooleanField(default=False)
    # The seal (journal.chaine): empty until the transaction that wrote the event commits.
    rang = models.PositiveBigIntegerField("rang dans la chaîne", null=True, blank=True, unique=True)
    empreinte_precedente = models.CharField("empreinte précédente", max_length=64, blank=True)
    empreinte = models.CharField(max_length=64, blank=True)

    objects = EvenementQuerySet.as_manager()

    class Meta:
        verbose_name = "événement"
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "date"])]

    def __str__(self):
        return f"{self.date:%d/%m/%Y %H:%M} — {self.libelle}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise JournalEnAjoutSeul("Un événement du journal ne se modifie pas.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise JournalEnAjoutSeul("Un événement du journal ne se supprime pas.")


class JournalEnAjoutSeul(Exception):
    """Someone tried to change or delete an event of the journal."""


def enregistrer(objet, acteur, action, libelle, avant="", apres="", commentaire="", interne=False):
    """Write one event of the journal (call it inside the transaction of the change).

    The event is sealed into the chain once that transaction commits."""
    from .chaine import sceller_apres_validation

    # The base refuses what does not fit on PostgreSQL but SQLite (the demo's, the quick
    # tests') stores it: say so on both, and name the field.
    champs = {"action": action, "libelle": libelle, "etat_avant": avant, "etat_apres": apres}
    for champ, valeur in champs.items():
        longueur = Evenement._meta.get_field(champ).max_length
        if len(str(valeur)) > longueur:
            raise ValueError(
                f"Journal : « {champ} » dépasse {longueur} caractères ({valeur!r}) ; "
                "un texte long va dans le commentaire."
            )
    evenement = Evenement.objects.create(
        content_type=ContentType.objects.get_for_model(objet),
        object_id=objet.pk,
        acteur=acteur if acteur and acteur.is_authenticated else None,
        action=action,
        libelle=libelle,
        etat_avant=avant,
        etat_apres=apres,
        commentaire=commentaire,
        interne=interne,
    )
    sceller_apres_validation()
    return evenement

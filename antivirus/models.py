"""The antivirus state every uploaded file carries, as an abstract model.

A model whose ``fichier`` people upload (pièces, letters, attachments, livrable versions,
images) inherits ``FichierAnalyse``: saving a new file puts it "en analyse" and queues its scan
once the transaction commits (``services``). Until the scan says it is clean the file is never
offered: downloads (``socle.fichiers.envoyer``) and business rules ask ``est_offert``. Without
``CLAMD_SOCKET`` (the laptop demo) files are "non analysé" and offered.
"""

from functools import partial

from django.conf import settings
from django.db import models, transaction


class EtatAnalyse(models.TextChoices):
    NON_ANALYSE = "non_analyse", "Non analysé"
    EN_ANALYSE = "en_analyse", "En analyse"
    SAIN = "sain", "Sain"
    INFECTE = "infecte", "Refusé : virus détecté"


# The states in which a file may be downloaded, shown and counted by business rules.
OFFERTS = (EtatAnalyse.NON_ANALYSE, EtatAnalyse.SAIN)


def antivirus_actif():
    return bool(settings.CLAMD_SOCKET)


class FichierAnalyseQuerySet(models.QuerySet):
    def offerts(self):
        """The files that may be downloaded, shown and counted."""
        return self.filter(analyse__in=OFFERTS)


class FichierAnalyse(models.Model):
    analyse = models.CharField(
        "analyse antivirus",
        max_length=20,
        choices=EtatAnalyse.choices,
        default=EtatAnalyse.NON_ANALYSE,
        editable=False,
    )
    virus = models.CharField("virus détecté", max_length=200, blank=True, editable=False)
    analyse_en_file_le = models.DateTimeField(null=True, blank=True, editable=False)
    analyse_le = models.DateTimeField("analysé le", null=True, blank=True, editable=False)

    objects = FichierAnalyseQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        nouveau = bool(self.fichier) and not self.fichier._committed
        if nouveau:
            self.analyse = EtatAnalyse.EN_ANALYSE if antivirus_actif() else EtatAnalyse.NON_ANALYSE
            self.virus = ""
            self.analyse_le = None
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {
                    *kwargs["update_fields"],
                    "analyse",
                    "virus",
                    "analyse_le",
                }
        super().save(*args, **kwargs)
        if nouveau and self.est_en_analyse:
            from .services import mettre_en_file

            transaction.on_commit(partial(mettre_en_file, type(self), self.pk))

    @property
    def est_offert(self):
        return self.analyse in OFFERTS

    @property
    def est_en_analyse(self):
        return self.analyse == EtatAnalyse.EN_ANALYSE

    @property
    def est_infecte(self):
        return self.analyse == EtatAnalyse.INFECTE

    def sujet_du_journal(self):
        """``(object, uploader)``: where a virus found in this file is recorded."""
        raise NotImplementedError

"""The exports' personal data (declared to ``socle.donnees_personnelles``).

An export file is prepared for one person and copies rows (contacts among them) out of their
files: the record and its file are deleted after the retention, and with the person's account.
"""

from socle.donnees_personnelles import Extrait, Sorte, declarer
from socle.fichiers import supprimer_apres_validation

from .models import Export


def exports_perimes(seuil):
    return Export.objects.filter(demande_le__lt=seuil)


def _supprimer_export(pk, seuil):
    export = exports_perimes(seuil).select_for_update().filter(pk=pk).first()
    if export is None:
        return False
    supprimer_apres_validation(export.fichier)
    export.delete()
    return True


def _supprimer_avec_le_compte(compte):
    exports = Export.objects.filter(demandeur=compte)
    for export in exports:
        supprimer_apres_validation(export.fichier)
    exports.delete()


def _exports(email, compte):
    return [
        {
            "titre": e.titre,
            "format": e.get_format_display(),
            "filtres": e.filtres,
            "demande_le": e.demande_le,
            "statut": e.get_statut_display(),
        }
        for e in Export.objects.filter(demandeur=compte)
    ]


declarer(
    Sorte(
        "exports",
        Export,
        ("demandeur", "fichier", "filtres"),
        ordre=120,
        libelle="Exports : fichiers supprimés",
        conservation="CONSERVATION_EXPORTS_JOURS",
        selection=exports_perimes,
        traiter=_supprimer_export,
        avec_le_compte=_supprimer_avec_le_compte,
        export=(Extrait("exports", _exports),),
    )
)

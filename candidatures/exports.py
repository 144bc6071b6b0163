"""The candidatures list, as a page and as a file (CSV or XLSX): its rows and columns, for
``exports``."""

from exports.listes import DATE, NOMBRE, Colonne, Liste, enregistrer, jour

from .filters import CandidatureFilter
from .models import Candidature


def lignes(user):
    return (
        Candidature.objects.visible_to(user)
        .select_related("service", "instructeur", "epci")
        .prefetch_related("communes")
        .defer(*Candidature.TEXTES_LONGS)
        .order_by("-date_dernier_depot", "-modifie_le")
    )


def _dgaln(user):
    return user.est_dgaln


LISTE = enregistrer(
    Liste(
        code="candidatures",
        titre="Candidatures",
        lignes=lignes,
        filtre=CandidatureFilter,
        page="candidatures:liste",
        # The file's « Thématiques » column; the page does not show them.
        complements=lambda candidatures: candidatures.prefetch_related("thematiques"),
        colonnes=(
            Colonne("Référence", lambda c: c.reference),
            Colonne("Titre", lambda c: c.titre),
            Colonne("Année", lambda c: c.annee, NOMBRE),
            Colonne("État", lambda c: c.get_statut_display()),
            Colonne("Service", lambda c: c.service.nom),
            Colonne("Territoire", lambda c: c.territoire()),
            Colonne("Échelle", lambda c: c.get_echelle_display()),
            Colonne("Thématiques", lambda c: ", ".join(t.libelle for t in c.thematiques.all())),
            Colonne("Début souhaité", lambda c: c.periode_debut, DATE),
            Colonne("Fin souhaitée", lambda c: c.periode_fin, DATE),
            Colonne("Premier dépôt", lambda c: jour(c.date_premier_depot), DATE),
            Colonne("Dernier dépôt", lambda c: jour(c.date_dernier_depot), DATE),
            Colonne("Décision", lambda c: jour(c.date_decision), DATE),
            # As on the list page: the reviewer is the DGALN's business.
            Colonne(
                "Instructeur", lambda c: str(c.instructeur) if c.instructeur else "", pour=_dgaln
            ),
        ),
    )
)

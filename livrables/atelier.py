"""What the livrables bring to their atelier, registered with ``ateliers`` (which sits below
them and does not read them itself): their part of the atelier's page, and the condition they
put on its closure (at least one livrable expected, and every one validated)."""

from django.db.models import Count
from django.utils import timezone

from ateliers import cloture, volets

from .models import StatutLivrable


def manques(livrables):
    if not livrables:
        return ["aucun livrable n'est attendu"]
    attente = [lv.nom for lv in livrables if lv.statut != StatutLivrable.VALIDE]
    if attente:
        return ["livrables non validés : " + ", ".join(attente)]
    return []


cloture.enregistrer(
    cloture.Condition(
        code="livrables",
        ordre=1,
        lire=lambda atelier: list(atelier.livrables.all()),
        manques=manques,
    )
)


def _sur_la_page(user, atelier):
    """Every livrable of the atelier (seeing the atelier is seeing them), with its number of
    versions and whether it is late."""
    livrables = list(atelier.livrables.annotate(nombre_versions=Count("versions")))
    aujourd_hui = timezone.localdate()
    for livrable in livrables:
        livrable.retard = livrable.est_en_retard(aujourd_hui)
    return livrables


volets.enregistrer(volets.Volet(code="livrables", lire=_sur_la_page))

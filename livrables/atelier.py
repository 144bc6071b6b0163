"""What the livrables bring to their atelier, registered with ``ateliers`` (which sits below
them and does not read them itself): their part of the atelier's page, and the condition they
put on its closure (at least one livrable expected, and every one validated).

The part of the page is ``templates/livrables/_volet.html``; while no livrable is expected it
says who must record them (``a_indiquer``, also what the atelier's « Prochaine étape » may
show).
"""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from ateliers import cloture, volets
from ateliers.permissions import (
    est_du_titulaire,
    peut_definir_livrables,
    peut_rediger,
    suit_l_execution,
)
from workflow.moteur import Manque

from . import permissions
from .models import Axe, FicheSynthetique, StatutLivrable, Version


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


def a_indiquer(user, atelier, livrables):
    """While no livrable is expected of an open atelier (right after its attribution): the
    service must record them. A ``Manque`` in words for ``user`` (with the link to record
    them when they may), or ``None``. Without ``user`` (what a table's ``manquants`` shows to
    everyone): in words for anyone, with the link (its page tells the others why not)."""
    if livrables or atelier.est_cloture:
        return None
    service = atelier.service_pilote
    if user is None:
        return Manque(
            f"les livrables attendus, que le service pilote ({service}) n'a pas encore indiqués",
            reverse("livrables:ajouter", args=[atelier.pk]),
            "Indiquer les livrables attendus",
        )
    if peut_definir_livrables(user, atelier):
        return Manque(
            "Aucun livrable n'est encore attendu pour cet atelier. Indiquez ceux que vous avez "
            "convenus avec le titulaire, avec leur échéance : il en sera prévenu et pourra les "
            "déposer ici.",
            reverse("livrables:ajouter", args=[atelier.pk]),
            "Indiquer les livrables attendus",
        )
    if est_du_titulaire(user, atelier):
        return Manque(
            f"Le service pilote ({service}) n'a pas encore indiqué les livrables attendus : "
            "vous serez prévenu dès qu'il les aura ajoutés et pourrez alors les déposer ici."
        )
    return Manque(f"Le service pilote ({service}) n'a pas encore indiqué les livrables attendus.")


def _sur_la_page(user, atelier):
    """Every livrable of the atelier (seeing the atelier is seeing them), with its number of
    versions and whether it is late; for the collectivité, the validated ones and their
    validated versions (``Livrable.objects.visible_to``)."""
    if suit_l_execution(user, atelier):
        livrables = atelier.livrables.annotate(nombre_versions=Count("versions"))
    else:
        livrables = atelier.livrables.visible_to(user).annotate(
            nombre_versions=Count("versions", filter=Q(versions__avis=Version.Avis.VALIDEE))
        )
    livrables = list(livrables)
    aujourd_hui = timezone.localdate()
    for livrable in livrables:
        livrable.retard = livrable.est_en_retard(aujourd_hui)
    return livrables


class Redaction:
    """The titulaire's written contents (the feuille de route, the fiche synthétique), shown
    apart from the livrables they may be mistaken for; read only if the page shows them."""

    def __init__(self, user, atelier):
        self.user, self.atelier = user, atelier

    @cached_property
    def redige(self):
        return bool(peut_rediger(self.user, self.atelier))

    @cached_property
    def axes(self):
        nombre = getattr(self.atelier, "nombre_axes", None)  # read with the atelier's page
        return self.atelier.axes.count() if nombre is None else nombre

    @cached_property
    def feuille_lisible(self):
        return bool(permissions.peut_lire_feuille_de_route(self.user, self.atelier))

    @cached_property
    def fiche_lisible(self):
        if suit_l_execution(self.user, self.atelier):
            return True
        fiche = FicheSynthetique.objects.filter(atelier=self.atelier).first()
        return bool(permissions.peut_lire_fiche(self.user, self.atelier, fiche))


def _contexte(user, atelier, livrables):
    """What the part shows beside the table: who must record the livrables while there are
    none, and the titulaire's written contents."""
    suit = suit_l_execution(user, atelier)
    return {
        # The collectivité sees the validated livrables only: none shown is not none expected.
        "livrables_a_indiquer": a_indiquer(user, atelier, livrables) if suit else None,
        "livrables_valides_seulement": not suit,
        "livrables_peut_definir": bool(peut_definir_livrables(user, atelier)),
        "livrables_redaction": Redaction(user, atelier),
    }


class _Nombre(Subquery):
    """The number of rows of a subquery (cheaper to build than a grouped ``Count``)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) nombre)"
    output_field = IntegerField()


def _compter_les_axes(ateliers):
    """The feuille de route's number of axes, read with the atelier (the page names it)."""
    return ateliers.annotate(
        nombre_axes=_Nombre(Axe.objects.filter(atelier=OuterRef("pk")).values("pk"))
    )


volets.enregistrer(
    volets.Volet(code="livrables", lire=_sur_la_page, contexte=_contexte, annoter=_compter_les_axes)
)

"""Who acts on a bon de commande, and the rule of its creation, with the reason when the
answer is no.

The pilot service prepares, emits, notifies and executes the bons of its ateliers; the DGALN
and the titulaire read them. From which state each step is taken is the table of
``workflow.BON``; seeing a bon at all is ``BonDeCommande.objects.visible_to(user)``.
"""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from ateliers.models import Atelier
from ateliers.permissions import est_du_service_pilote
from socle.decisions import OUI, non

from .models import StatutBon

MAX_BONS_PAR_ATELIER = 2


def seul_le_service(quoi):
    return f"Seul le service pilote de l'atelier {quoi}."


REFUS_CREATION = seul_le_service("prépare ses bons de commande")


def peut_suivre_les_accords(user):
    """The follow-up of the accords-cadres (consumption, tourniquet) is the DGALN's."""
    if not (user.is_authenticated and user.is_active and user.est_dgaln):
        return non("Le suivi des accords-cadres est réservé à la DGALN.")
    return OUI


def peut_creer(user, atelier, bons_actifs=None):
    """Prepare a new bon; ``bons_actifs``: the atelier's bons not cancelled (to say which)."""
    if not est_du_service_pilote(user, atelier):
        return non(REFUS_CREATION)
    if bons_actifs is None:
        bons_actifs = list(atelier.bons.actifs().order_by("ordre"))
    if len(bons_actifs) >= MAX_BONS_PAR_ATELIER:
        # Each bon named is a link to its page, where it can be cancelled (safe HTML).
        numeros = format_html_join(
            " et ",
            '<a href="{}">{}</a>',
            ((reverse("commandes:detail", args=[b.pk]), b.numero) for b in bons_actifs),
        )
        return non(
            format_html(
                "Un atelier compte au plus deux bons de commande : celui-ci a déjà {}. "
                "Annulez l'un d'eux pour en préparer un autre.",
                numeros,
            )
        )
    return OUI


def ateliers_ou_preparer(user):
    """The ateliers where ``user`` may prepare a bon (``peut_creer`` for each), in one query:
    those of their service with fewer than two bons not cancelled."""
    if not (user.is_authenticated and user.is_active and user.est_agent):
        return Atelier.objects.none()
    return (
        Atelier.objects.filter(service_pilote_id=user.organisation_id)
        .annotate(bons_actifs=Count("bons", filter=~Q(bons__statut=StatutBon.ANNULE)))
        .filter(bons_actifs__lt=MAX_BONS_PAR_ATELIER)
        .select_related("candidature", "titulaire")
        .order_by("candidature__titre", "pk")
    )

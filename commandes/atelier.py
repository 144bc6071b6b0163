"""What the bons de commande bring to their atelier, registered with ``ateliers`` (which sits
below them and does not read them itself): their part of the atelier's page, and the
condition they put on its closure (every bon not cancelled has its service fait, and there is
at least one)."""

from django.urls import reverse
from django.utils.html import format_html, format_html_join

from ateliers import cloture, volets
from ateliers.permissions import suit_l_execution

from . import permissions
from .models import StatutBon


def _actifs(bons):
    """The bons that count towards the atelier's two: every one but the cancelled."""
    return [b for b in bons if b.statut != StatutBon.ANNULE]


def manques(bons):
    """Each bon named links to its page, where its service fait is attested (safe HTML, every
    value escaped)."""
    actifs = _actifs(bons)
    if not actifs:
        return ["aucun bon de commande"]
    non_executes = [b for b in actifs if b.statut != StatutBon.EXECUTE]
    if non_executes:
        liens = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("commandes:detail", args=[b.pk]), b.numero) for b in non_executes),
        )
        return [format_html("bons de commande sans service fait : {}", liens)]
    return []


cloture.enregistrer(
    cloture.Condition(
        code="bons", ordre=2, lire=lambda atelier: list(atelier.bons.all()), manques=manques
    )
)


def _sur_la_page(user, atelier, bons):
    # Only the pilot service may prepare a bon, and it sees every bon of its ateliers: the
    # list already read tells which ones count towards the two.
    decision = permissions.peut_creer(user, atelier, _actifs(bons))
    # An agent is told why the button is missing (two bons already, atelier closed…); the
    # titulaire and the DGALN never prepare bons, so the reason would only puzzle them.
    pourquoi_pas = decision.raison if user.est_agent and not decision else ""
    return {"peut_creer_bon": decision, "pourquoi_pas_de_bon": pourquoi_pas}


volets.enregistrer(
    volets.Volet(
        code="bons",
        lire=lambda user, atelier: list(atelier.bons.visible_to(user).order_by("ordre")),
        contexte=_sur_la_page,
        # The collectivité co-porteur follows the atelier, not its bons (nor their invoices).
        pour=suit_l_execution,
    )
)

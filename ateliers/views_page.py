"""The atelier's page: what hangs on it, read once each, in a fixed number of queries.

It gathers the file's fiche and pièces (from candidatures, below), and the parts the apps
above it register (its bons de commande, its livrables, its bilans: see ``volets``).
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from journal.models import Evenement

from . import cloture, permissions, planning, volets
from .forms import MessageForm
from .models import Phase
from .pages import atelier_de_sa_page
from .workflow import PROGRAMME, SUIVANTE, ActionProgramme

# What the page shows of a person (``User.__str__``) and of their organisation.
PERSONNE = ("first_name", "last_name", "email", "organisation__nom")


def _personne(relation):
    return (relation, f"{relation}__organisation", *(f"{relation}__{c}" for c in PERSONNE))


def _historique(user, atelier, actions, lus):
    """The page's timeline, read now (oldest first): the collectivité's is the atelier's own,
    without the service's review of the programme (nor the versions sent back, which are the
    livrables' events)."""
    if actions["suivre_l_execution"]:
        suivis = [objet for objets in lus.values() for objet in objets]
        evenements = Evenement.objects.pour(atelier, *suivis).visibles_par(user)
    else:
        evenements = (
            Evenement.objects.pour(atelier)
            .visibles_par(user)
            .exclude(action=ActionProgramme.A_REVOIR)
        )
    evenements = list(
        evenements.only("date", "libelle", "commentaire", "interne", *_personne("acteur")).order_by(
            "date", "id"
        )
    )
    # The one who attributed the atelier is, nearly always, the actor of its first event:
    # the timeline read them already (else ``attribue_par`` reads them, once).
    if atelier.attribue_par_id and not atelier.historique:
        acteurs = {e.acteur_id: e.acteur for e in evenements if e.acteur_id}
        if atelier.attribue_par_id in acteurs:
            atelier.attribue_par = acteurs[atelier.attribue_par_id]
    return evenements


@login_required
def detail(request, pk):
    user = request.user
    atelier = atelier_de_sa_page(user, pk)
    cand = atelier.candidature
    # Its bons de commande and livrables (``bons``, ``livrables`` and what goes with them).
    lus, volets_lus = volets.lire(user, atelier)
    actions = permissions.actions_possibles(user, atelier) | {
        "statuer_programme": PROGRAMME.decision(user, atelier.programme, ActionProgramme.VALIDE),
    }
    evenements = _historique(user, atelier, actions, lus)
    etapes = list(atelier.planning.all())
    aujourd_hui = timezone.localdate()
    if actions["suivre_l_execution"]:
        # « Prochaine étape » asks the closure's rule again: it reuses what the page read
        # (all of it: the collectivité reads part of it, and is not shown that step).
        cloture.retenir(atelier, lus)
    return render(
        request,
        "ateliers/detail.html",
        {
            **volets_lus,
            "titre": str(atelier),
            "atelier": atelier,
            "c": cand,
            "programme": atelier.programme,
            "etapes": [(e, planning.en_retard(e, aujourd_hui)) for e in etapes],
            "alertes": planning.alertes(atelier.phase, etapes, aujourd_hui),
            "duree": planning.duree_prevue(etapes),
            "etape_numero": list(Phase).index(Phase(atelier.phase)) + 1,
            "etape_total": len(Phase),
            "phase_suivante": SUIVANTE.get(Phase(atelier.phase))
            or (Phase.CLOTURE if atelier.phase == Phase.RESTITUTION else None),
            "membres": atelier.titulaire.membres.select_related("organisation"),
            "pieces": cand.pieces.all(),
            "ressources": cand.ressources.all(),
            "engagements": atelier.engagements.select_related("fait_par__organisation"),
            "fil_messages": atelier.messages.select_related("auteur__organisation").only(
                "atelier", "texte", "date", *_personne("auteur")
            ),
            "form_message": MessageForm() if actions["ecrire"] else None,
            "actions": actions,
            "evenements": evenements,
            "fil": [("Ateliers", reverse("ateliers:liste")), (cand.titre, "")],
        },
    )

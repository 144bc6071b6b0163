"""The page that moves an atelier to its next phase, and the one that closes it.

The person gives the actual date (prefilled with the planned start of the next phase when it
has passed, else today) and reads the planned dates of both phases. A date the planning finds
implausible (an animation sur site of less than a day or more than a week, an atelier shorter
than 4 months or longer than 8) does not block: the page shows its warnings and asks the
person to confirm that date; the change is made only then, and the journal keeps the warnings.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from journal.transitions import TransitionRefusee
from socle.actions import signaler
from socle.formats import date_longue

from . import planning, transitions
from .forms import PhaseForm
from .models import Phase
from .pages import fil_atelier
from .workflow import ATELIER, SUIVANTE, Action


@dataclass(frozen=True)
class Page:
    action: Action
    executer: callable
    bouton: str
    explication: str
    succes: str


PAGES = {
    "avancer": Page(
        Action.PHASE,
        transitions.avancer,
        "Passer à la phase suivante",
        "Les dates effectives des phases sont mises à jour ; le service, le titulaire et la "
        "DGALN sont prévenus.",
        "L'atelier est passé à la phase suivante.",
    ),
    "cloturer": Page(
        Action.CLOTURE,
        transitions.cloturer,
        "Clôturer l'atelier",
        "Tous les livrables sont validés et les bons de commande exécutés. L'atelier ne se "
        "modifiera plus ; il entrera au catalogue des ateliers réalisés une fois sa fiche "
        "synthétique validée par le service pilote.",
        "Atelier clôturé.",
    ),
}


def periode_prevue(etape):
    """« prévue du 4 janvier 2027 au 1er mars 2027 », or « non planifiée »."""
    debut, fin = (etape.debut_prevu, etape.fin_prevue) if etape else (None, None)
    if debut and fin:
        return f"prévue du {date_longue(debut)} au {date_longue(fin)}"
    if debut:
        return f"prévue à partir du {date_longue(debut)}"
    if fin:
        return f"prévue jusqu'au {date_longue(fin)}"
    return "non planifiée"


def _date_proposee(courante, prochaine, aujourd_hui):
    """The planned start of the next phase once it has passed (and the current phase had
    started by then), else today."""
    prevue = prochaine.debut_prevu if prochaine else None
    debut = courante.debut_reel if courante else None
    if prevue and prevue < aujourd_hui and (debut is None or prevue >= debut):
        return prevue
    return aujourd_hui


def _planning_lu(atelier, etapes, cloture):
    """What the page says of the planning: the current phase, then the next (or the close)."""
    phase = Phase(atelier.phase)
    courante = etapes.get(phase)
    lignes = [f"Phase actuelle, « {phase.label} » : {periode_prevue(courante)}"]
    if courante and courante.debut_reel:
        lignes[0] += f", commencée le {date_longue(courante.debut_reel)}"
    if cloture:
        debut = transitions.debut_de_l_atelier(atelier, etapes)
        au_plus_tot = planning.ajouter_mois(debut, planning.DUREE_MIN_MOIS)
        au_plus_tard = planning.ajouter_mois(debut, planning.DUREE_MAX_MOIS)
        lignes.append(
            f"L'atelier a commencé le {date_longue(debut)} : un Atelier Flash dure de "
            f"{planning.DUREE_MIN_MOIS} à {planning.DUREE_MAX_MOIS} mois, il se clôture donc "
            f"d'ordinaire entre le {date_longue(au_plus_tot)} et le {date_longue(au_plus_tard)}"
        )
    else:
        suivante = SUIVANTE[phase]
        lignes.append(f"Phase suivante, « {suivante.label} » : {periode_prevue(etapes[suivante])}")
    return [f"{ligne}." for ligne in lignes]


def changer_de_phase(request, atelier, nom):
    user, page = request.user, PAGES[nom]
    retour = reverse("ateliers:detail", args=[atelier.pk])
    decision = ATELIER.decision(user, atelier, page.action)
    if not decision:
        messages.error(request, decision.raison)
        return redirect(retour)
    cloture = page.action == Action.CLOTURE
    phase = Phase(atelier.phase)
    etapes = {e.phase: e for e in atelier.planning.all()}
    courante = etapes.get(phase)
    if cloture:
        titre = "Clôturer l'atelier"
        libelle, aide = "Date de clôture", "Le jour où la restitution à distance s'est terminée."
        prochaine = None
    else:
        suivante = SUIVANTE[phase]
        titre = f"Passer à la phase « {suivante.label} »"
        libelle = "Date du changement de phase"
        aide = f"Le jour où l'atelier est passé en phase « {suivante.label} »."
        prochaine = etapes.get(suivante)
    options = {"libelle_date": libelle, "aide_date": aide}
    donnees = request.POST if request.method == "POST" else None
    form = PhaseForm(
        donnees,
        initial={
            "depuis": atelier.phase,
            "date": _date_proposee(courante, prochaine, timezone.localdate()),
        },
        avec_confirmation=bool(donnees and donnees.get("date_vue")),
        **options,
    )
    alertes = []
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            transitions.verifier_depuis(atelier, d["depuis"])
            jour = transitions.date_du_changement(atelier, d["date"], etapes)
            alertes = transitions.alertes(atelier, jour, etapes)
            if not alertes or form.confirmee():
                page.executer(user, atelier, jour, d["commentaire"], d["depuis"])
                messages.success(request, page.succes)
                return redirect(retour)
            # Asked again, with the warnings of this date and the box to confirm it.
            donnees = donnees.copy()
            donnees["date_vue"] = jour.isoformat()
            donnees.pop("confirme", None)
            form = PhaseForm(donnees, avec_confirmation=True, **options)
        except TransitionRefusee as refus:
            alertes = []
            signaler(form, refus)
    return render(
        request,
        "ateliers/changer_de_phase.html",
        {
            "titre": titre,
            "chapeau": f"Atelier « {atelier.candidature.titre} » — phase actuelle : "
            f"{phase.label.lower()}",
            "explication": page.explication,
            "planning": _planning_lu(atelier, etapes, cloture),
            "alertes": alertes,
            "form": form,
            "bouton": page.bouton,
            "retour": retour,
            "fil": fil_atelier(atelier, (titre, "")),
        },
    )

"""The DGALN's decisions on a file (and the service's withdrawal): one page per action.

Each action is a form, a permission rule and a transition; the page explains what the
action does, and the transition re-checks everything before changing the file.
"""

from django.shortcuts import render
from django.urls import reverse

from socle.actions import Action, vue_des_actions

from . import permissions, transitions
from .forms import CommentaireForm, ComplementForm, MotifForm, PriseEnChargeForm
from .views import candidature_visible

ACTIONS = {
    "confirmer-opportunite": Action(
        "Confirmer l'opportunité",
        "Le service pourra remplir la fiche de candidature avec la collectivité.",
        "Confirmer l'opportunité",
        CommentaireForm,
        permissions.peut_statuer_opportunite,
        lambda u, c, d: transitions.confirmer_opportunite(u, c, d["commentaire"]),
        "Opportunité confirmée : le service est prévenu.",
    ),
    "decliner-opportunite": Action(
        "Décliner l'opportunité",
        "Le service est prévenu avec votre motif ; le dossier s'arrête là.",
        "Décliner l'opportunité",
        MotifForm,
        permissions.peut_statuer_opportunite,
        lambda u, c, d: transitions.decliner_opportunite(u, c, d["motif"]),
        "Opportunité déclinée : le service est prévenu.",
        danger=True,
    ),
    "prendre-en-charge": Action(
        "Prendre en charge le dossier",
        "Le dossier est instruit par la personne choisie ; un dossier déposé passe en instruction.",
        "Confier le dossier",
        PriseEnChargeForm,
        permissions.peut_prendre_en_charge,
        lambda u, c, d: transitions.prendre_en_charge(u, c, d["instructeur"]),
        "Dossier attribué.",
    ),
    "demander-complement": Action(
        "Demander un complément",
        "Le service pourra modifier les rubriques choisies puis déposer à nouveau ; "
        "vous verrez ce qui a changé.",
        "Demander le complément",
        ComplementForm,
        permissions.peut_demander_complement,
        lambda u, c, d: transitions.demander_complement(
            u, c, message=d["message"], rubriques=d["rubriques"], echeance=d["echeance"]
        ),
        "Complément demandé : le service est prévenu.",
    ),
    "eligible": Action(
        "Déclarer le dossier éligible",
        "Le service est prévenu ; le dossier attend son attribution à un titulaire.",
        "Déclarer éligible",
        MotifForm,
        permissions.peut_decider,
        lambda u, c, d: transitions.declarer_eligible(u, c, d["motif"]),
        "Dossier déclaré éligible : le service est prévenu.",
    ),
    "non-eligible": Action(
        "Déclarer le dossier non éligible",
        "Le service est prévenu avec votre motif ; le dossier s'arrête là.",
        "Déclarer non éligible",
        MotifForm,
        permissions.peut_decider,
        lambda u, c, d: transitions.declarer_non_eligible(u, c, d["motif"]),
        "Dossier déclaré non éligible : le service est prévenu.",
        danger=True,
    ),
    "sans-suite": Action(
        "Classer le dossier sans suite",
        "Le dossier est clos ; la DGALN et le service en sont prévenus.",
        "Classer sans suite",
        MotifForm,
        permissions.peut_classer_sans_suite,
        lambda u, c, d: transitions.classer_sans_suite(u, c, d["motif"]),
        "Dossier classé sans suite.",
        danger=True,
    ),
}


action = vue_des_actions(
    ACTIONS,
    objet=lambda request, pk: candidature_visible(request.user, pk),
    retour=lambda cand, nom: reverse("candidatures:detail", args=[cand.pk]),
    page=lambda request, cand, act, form: render(
        request,
        "candidatures/action.html",
        {"titre": f"{act.titre} — {cand.titre}", "c": cand, "action": act, "form": form},
    ),
    # The assignment form offers "me" first; the other forms have no such field.
    initial=lambda request, cand: {"instructeur": request.user.pk},
)

"""The DGALN's decisions on a file (and the service's withdrawal): one page per action.

Each action is a form, a permission rule and a transition; the page explains what the
action does, and the transition re-checks everything before changing the file.
"""

from django.shortcuts import render
from django.urls import reverse

from socle.actions import Action as Page
from socle.actions import vue_des_actions

from . import transitions
from .forms import CommentaireForm, ComplementForm, MotifForm, PriseEnChargeForm
from .models import Candidature
from .views import candidature_visible
from .workflow import CANDIDATURE, Action


def _regle(action):
    return lambda user, cand: CANDIDATURE.decision(user, cand, action)


def _suite(request, cand, nom):
    """The file's page, or the list when its new state hides it from the person (the DGALN
    does not see a brouillon: after confirming the opportunity, it lands on its inbox)."""
    if Candidature.objects.visible_to(request.user).filter(pk=cand.pk).exists():
        return reverse("candidatures:detail", args=[cand.pk])
    return reverse("candidatures:liste")


ACTIONS = {
    "confirmer-opportunite": Page(
        "Confirmer l'opportunité",
        "Le service pourra remplir la fiche de candidature avec la collectivité.",
        "Confirmer l'opportunité",
        CommentaireForm,
        _regle(Action.OPPORTUNITE_CONFIRMEE),
        lambda u, c, d: transitions.confirmer_opportunite(u, c, d["commentaire"]),
        "Opportunité confirmée : le service est prévenu et remplit la fiche avec la collectivité. "
        "Le dossier vous reviendra à son dépôt.",
    ),
    "decliner-opportunite": Page(
        "Décliner l'opportunité",
        "Le service est prévenu avec votre motif ; le dossier s'arrête là.",
        "Décliner l'opportunité",
        MotifForm,
        _regle(Action.OPPORTUNITE_DECLINEE),
        lambda u, c, d: transitions.decliner_opportunite(u, c, d["motif"]),
        "Opportunité déclinée : le service est prévenu.",
        danger=True,
    ),
    "prendre-en-charge": Page(
        "Prendre en charge le dossier",
        "Le dossier est instruit par la personne choisie ; un dossier déposé passe en instruction.",
        "Confier le dossier",
        PriseEnChargeForm,
        _regle(Action.PRISE_EN_CHARGE),
        lambda u, c, d: transitions.prendre_en_charge(u, c, d["instructeur"]),
        "Dossier attribué.",
    ),
    "demander-complement": Page(
        "Demander un complément",
        "Le service pourra modifier les rubriques choisies puis déposer à nouveau ; "
        "vous verrez ce qui a changé.",
        "Demander le complément",
        ComplementForm,
        _regle(Action.COMPLEMENT_DEMANDE),
        lambda u, c, d: transitions.demander_complement(
            u, c, message=d["message"], rubriques=d["rubriques"], echeance=d["echeance"]
        ),
        "Complément demandé : le service est prévenu.",
    ),
    "eligible": Page(
        "Déclarer le dossier éligible",
        "Le service est prévenu ; le dossier attend son attribution à un titulaire.",
        "Déclarer éligible",
        MotifForm,
        _regle(Action.ELIGIBLE),
        lambda u, c, d: transitions.declarer_eligible(u, c, d["motif"]),
        "Dossier déclaré éligible : le service est prévenu.",
    ),
    "non-eligible": Page(
        "Déclarer le dossier non éligible",
        "Le service est prévenu avec votre motif ; le dossier s'arrête là.",
        "Déclarer non éligible",
        MotifForm,
        _regle(Action.NON_ELIGIBLE),
        lambda u, c, d: transitions.declarer_non_eligible(u, c, d["motif"]),
        "Dossier déclaré non éligible : le service est prévenu.",
        danger=True,
    ),
    "sans-suite": Page(
        "Classer le dossier sans suite",
        "Le dossier est clos ; la DGALN et le service en sont prévenus.",
        "Classer sans suite",
        MotifForm,
        _regle(Action.SANS_SUITE),
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
    suite=_suite,
)

"""One page per action on a record: the shape every app's action pages share.

An action is a form, a permission rule and a transition. The page refuses with the rule's
reason, or validates the form and runs the transition, which re-checks everything and may
still refuse (its reason then shows on the form).
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from .decisions import TransitionRefusee


@dataclass(frozen=True)
class Action:
    titre: str
    explication: str
    bouton: str
    formulaire: type
    permission: callable
    executer: callable
    succes: str
    danger: bool = False


def traiter(request, action, objet, retour, initial=None):
    """``(response, form)``: a redirect to ``retour`` when refused or done, else the form."""
    decision = action.permission(request.user, objet)
    if not decision:
        messages.error(request, decision.raison)
        return redirect(retour), None
    form = action.formulaire(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action.executer(request.user, objet, form.cleaned_data)
        except (TransitionRefusee, ValidationError) as refus:
            signaler(form, refus)
        else:
            messages.success(request, action.succes)
            return redirect(retour), form
    return None, form


def signaler(form, refus):
    """Show on top of ``form`` why the change was refused: a rule's reason, or the errors of a
    file the transition checked again."""
    form.add_error(None, getattr(refus, "messages", None) or str(refus))

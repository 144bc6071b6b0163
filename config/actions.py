"""One page per action on a record: the shape every app's action pages share.

An action is a form, a permission rule and a transition. The page refuses with the rule's
reason, or validates the form and runs the transition, which re-checks everything and may
still refuse (its reason then shows on the form).
"""

from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect

from journal.transitions import TransitionRefusee


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
    form = action.formulaire(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action.executer(request.user, objet, form.cleaned_data)
        except TransitionRefusee as refus:
            form.add_error(None, str(refus))
        else:
            messages.success(request, action.succes)
            return redirect(retour), form
    return None, form

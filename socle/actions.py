"""One page per action on a record: the shape every app's action pages share.

An action is a form, a permission rule and a transition. The page refuses with the rule's
reason, or validates the form and runs the transition, which re-checks everything and may
still refuse (its reason then shows on the form). An app declares its table of actions
``{nom: Action}`` and gets the view of ``<pk>/<nom>/`` from ``vue_des_actions``.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
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


def traiter(request, action, objet, retour, initial=None, suite=None):
    """``(response, form)``: a redirect to ``retour`` when refused, to ``suite()`` (or
    ``retour``) when done, else the form."""
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
            return redirect(suite() if suite else retour), form
    return None, form


def signaler(form, refus):
    """Show on top of ``form`` why the change was refused: a rule's reason, or the errors of a
    file the transition checked again."""
    form.add_error(None, getattr(refus, "messages", None) or str(refus))


def vue_des_actions(actions, objet, retour, page, initial=None, suite=None):
    """The view ``(request, pk, nom)`` of an app's table ``actions`` (``{nom: Action}``).

    - ``objet(request, pk)``: the record, or 404 (403) unless the user may see it;
    - ``retour(objet, nom)``: where the person goes once the action is refused or done;
    - ``page(request, objet, action, form)``: the page that shows the action's form;
    - ``initial(request, objet)``: the form's first values (the forms without such a field
      ignore them);
    - ``suite(request, objet, nom)``: where the person goes once done, when the record's new
      state may hide it from them (``retour`` otherwise).
    """

    @login_required
    def action(request, pk, nom):
        trouve = objet(request, pk)
        if nom not in actions:
            raise Http404("Action inconnue")
        act = actions[nom]
        reponse, form = traiter(
            request,
            act,
            trouve,
            retour(trouve, nom),
            initial(request, trouve) if initial else None,
            (lambda: suite(request, trouve, nom)) if suite else None,
        )
        return reponse or page(request, trouve, act, form)

    action.actions = actions  # read by the workflows' meta-test
    return action

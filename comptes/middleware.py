"""The second factor made compulsory for administrateurs (``DOUBLE_FACTEUR_ADMINISTRATEURS``).

An administrateur whose session passed no second factor (a TOTP code at login, or one that
ProConnect vouched for) reaches only the page that sets one up, and logging out: every other
page, the admin included, leads there.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from . import double_facteur

PAGES_OUVERTES = {"double_authentification", "logout", "proconnect_deconnexion"}


class DoubleFacteurObligatoire:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and double_facteur.exige(user)
            and not double_facteur.session_verifiee(request)
            and not self.ouverte(request)
        ):
            messages.warning(
                request,
                "Votre rôle d'administrateur demande la double authentification : activez-la "
                "pour continuer.",
            )
            return redirect("comptes:double_authentification")
        return self.get_response(request)

    @staticmethod
    def ouverte(request):
        try:
            return resolve(request.path_info).url_name in PAGES_OUVERTES
        except Resolver404:
            return False

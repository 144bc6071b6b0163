"""Login protection: who is attempting (for django-axes), from where, and the lockout page.

django-axes counts failed logins per pair (e-mail address, IP address) and refuses the pair
for a while after too many (settings AXES_*). The e-mail address is counted in lower case, as
the login accepts it in any case; behind the reverse proxy, the address is the one the proxy
saw (the last of X-Forwarded-For), never one the client could make up.
"""

from django.conf import settings
from django.shortcuts import render


def identifiant_tente(request, credentials):
    identifiant = (credentials or {}).get("username") or request.POST.get("username", "")
    return identifiant.strip().lower()[:254]


def adresse_ip(request):
    if settings.BEHIND_PROXY:
        transmises = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if transmises.strip():
            return transmises.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")


def connexion_bloquee(request, reponse=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "registration/connexion_bloquee.html",
        {"minutes": minutes, "titre": "Connexion suspendue"},
        status=429,
    )

"""Suggestions of territories for the forms (autocompletion of communes)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import JsonResponse

from socle.filtres import LONGUEUR_RECHERCHE

from .models import Commune

MAX_SUGGESTIONS = 20


@login_required
def communes(request):
    """Communes whose name starts with (or code is) ``q``, in the agent's territory."""
    q = request.GET.get("q", "").strip()
    # PostgreSQL refuses NUL characters in a query: no commune has one.
    if not 2 <= len(q) <= LONGUEUR_RECHERCHE or "\x00" in q:
        return JsonResponse({"resultats": []})
    trouvees = (
        Commune.objects.du_territoire(request.user.organisation if request.user.est_agent else None)
        .filter(Q(nom__istartswith=q) | Q(code__startswith=q))
        .select_related("departement")
        .order_by("nom")[:MAX_SUGGESTIONS]
    )
    return JsonResponse(
        {
            "resultats": [
                {
                    "code": c.code,
                    "nom": c.nom,
                    "departement": c.departement.nom,
                    "libelle": f"{c.nom} ({c.code})",
                }
                for c in trouvees
            ]
        }
    )

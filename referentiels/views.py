"""Suggestions of territories for the forms (autocompletion of communes)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import JsonResponse

from .models import Commune

MAX_SUGGESTIONS = 20


def _territoire(user):
    communes = Commune.objects.filter(actif=True)
    organisation = user.organisation if user.est_agent else None
    if organisation and organisation.departement_id:
        return communes.filter(departement_id=organisation.departement_id)
    if organisation and organisation.region_id:
        return communes.filter(departement__region_id=organisation.region_id)
    return communes


@login_required
def communes(request):
    """Communes whose name starts with (or code is) ``q``, in the agent's territory."""
    q = request.GET.get("q", "").strip()
    if len(q) < 2:
        return JsonResponse({"resultats": []})
    trouvees = (
        _territoire(request.user)
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

"""Where an atelier lies: the départements of the communes its file names, else the
département of its pilot service (a file naming an EPCI only). The one rule, read three ways:
in bulk for counts (``departements_des_ateliers``, ``par_territoire``), as a filter
(``situes``), and on one atelier whose communes are prefetched (``departements_de``)."""

from django.db.models import Q

from referentiels.models import Departement, Region


def departements_des_ateliers(ateliers):
    """``{atelier id: {département codes}}`` for the queryset ``ateliers``, in two queries."""
    lieux = {}
    for pk, dep in (
        ateliers.filter(candidature__communes__isnull=False)
        .order_by()
        .values_list("pk", "candidature__communes__departement")
        .distinct()
    ):
        lieux.setdefault(pk, set()).add(dep)
    for pk, dep in ateliers.order_by().values_list("pk", "service_pilote__departement"):
        if pk not in lieux and dep:
            lieux[pk] = {dep}
    return lieux


def par_territoire(ateliers=None):
    """Ateliers per département and per région (an atelier across two départements counts in
    each), every active département and région listed, with its name."""
    from .models import Atelier

    ateliers = Atelier.objects.all() if ateliers is None else ateliers
    lieux = departements_des_ateliers(ateliers)
    departements = {d.code: d for d in Departement.objects.filter(actif=True)}
    par_dep = dict.fromkeys(departements, 0)
    par_reg_ateliers = {}
    for pk, deps in lieux.items():
        for dep in deps:
            if dep in par_dep:
                par_dep[dep] += 1
                par_reg_ateliers.setdefault(departements[dep].region_id, set()).add(pk)
    regions = Region.objects.filter(actif=True).order_by("nom")
    return {
        "departements": [(code, departements[code].nom, n) for code, n in sorted(par_dep.items())],
        "regions": [(r.code, r.nom, len(par_reg_ateliers.get(r.code, ()))) for r in regions],
    }


def situes(ateliers, **critere):
    """The ateliers of ``ateliers`` lying where ``critere`` (on a département) says:
    ``situes(qs, departement=d)``, ``situes(qs, departement__region=r)``."""
    from .models import Atelier

    ((champ, valeur),) = critere.items()
    ids = Atelier.objects.filter(
        Q(**{f"candidature__communes__{champ}": valeur})
        | Q(candidature__communes__isnull=True, **{f"service_pilote__{champ}": valeur})
    ).values("pk")
    return ateliers.filter(pk__in=ids)


def departements_de(atelier):
    """The départements of one atelier, sorted by code, from its prefetched communes (and its
    pilot service, selected with it)."""
    deps = {c.departement for c in atelier.candidature.communes.all()}
    if not deps and atelier.service_pilote.departement_id:
        deps = {atelier.service_pilote.departement}
    return sorted(deps, key=lambda d: d.code)

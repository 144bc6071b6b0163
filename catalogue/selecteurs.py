"""What the public catalogue shows: the published ateliers whose fiche synthétique is
validated (``publies``), read with what their public pages need, and the counters of the
programme's home page; for the DGALN, the closed ateliers that are not in it yet and why.

Nothing personal leaves through here: no names, e-mails or phone numbers of agents or
elected officials, only the territory, the titulaire (a company), and what the titulaire
wrote for publication (fiche synthétique, axes of the feuille de route).
"""

from dataclasses import dataclass

from django.db.models import Count, F, Min, Prefetch, Q

from ateliers.models import Atelier, Phase, Publication
from candidatures.models import Candidature, Echelle
from livrables.models import Axe, FicheSynthetique
from referentiels.models import Commune

from . import memoire

# The file's long texts and its contacts: never public.
TEXTES_PRIVES = (
    *Candidature.TEXTES_LONGS,
    "ref_collectivite_nom",
    "ref_collectivite_fonction",
    "ref_collectivite_email",
    "ref_collectivite_telephone",
    "ref_service_nom",
    "ref_service_fonction",
    "ref_service_email",
    "ref_service_telephone",
)


def publies():
    """The ateliers of the public catalogue: those the publication decision opens
    (``Atelier.objects.publies()``) whose fiche synthétique the pilot service has validated;
    an atelier imported from the programme's history comes with the fiche it was published
    with."""
    return Atelier.objects.publies().filter(
        Q(historique=True) | Q(fiche_synthetique__validee_le__isnull=False)
    )


def ateliers_publies():
    return (
        publies()
        .select_related(
            "candidature__epci",
            "service_pilote__departement__region",
            "titulaire",
            "accord_cadre",
        )
        .prefetch_related(
            Prefetch(
                "candidature__communes",
                queryset=Commune.objects.select_related("departement__region").order_by("nom"),
            ),
            "candidature__thematiques",
        )
        # The file's long texts are not public: left in the base (the sort reads past
        # thinner rows).
        .defer(*(f"candidature__{champ}" for champ in TEXTES_PRIVES))
        .order_by("-candidature__annee", "candidature__titre", "pk")
    )


def atelier_public(pk):
    """The published atelier ``pk`` with its fiche, images and axes, or None."""
    atelier = (
        ateliers_publies()
        .prefetch_related(
            Prefetch("axes", queryset=Axe.objects.order_by("ordre", "pk")),
        )
        .filter(pk=pk)
        .first()
    )
    if atelier is None:
        return None
    atelier.fiche_publique = (
        FicheSynthetique.objects.filter(atelier=atelier).prefetch_related("images").first()
    )
    return atelier


def communes_du_territoire(atelier):
    """The communes named in the file (prefetched)."""
    return list(atelier.candidature.communes.all())


def communes_accompagnees(atelier):
    """The INSEE codes the catalogue's counter counts for ``atelier``: the communes named in
    its file and, at the intercommunal scale, every member commune of its EPCI (prefetched by
    ``ateliers_publies_ouverts``)."""
    codes = {c.code for c in communes_du_territoire(atelier)}
    candidature = atelier.candidature
    if candidature.echelle == Echelle.INTERCOMMUNALITE and candidature.epci_id:
        codes.update(m.code for m in candidature.epci.membres.all())
    return sorted(codes)


def ateliers_publies_ouverts():
    """The published ateliers as the open data gives them (with the EPCIs' members)."""
    return ateliers_publies().prefetch_related(
        Prefetch("candidature__epci__membres", queryset=Commune.objects.only("code", "epci_id"))
    )


def point(atelier):
    """``(longitude, latitude)`` of the territory: its first commune (by name) whose
    coordinates are known; None when none is."""
    for commune in communes_du_territoire(atelier):
        if commune.latitude is not None and commune.longitude is not None:
            return float(commune.longitude), float(commune.latitude)
    return None


def compteurs():
    """« N ateliers réalisés depuis 2019 », « plus de N communes accompagnées »: from the data.

    The communes accompanied are those named in the published files, plus the member communes
    of the EPCI of the files at the intercommunal scale. Kept until an atelier changes.
    """
    return memoire.memoriser("compteurs", _compter)


def _compter():
    ateliers = publies()
    intercommunaux = ateliers.filter(candidature__echelle=Echelle.INTERCOMMUNALITE)
    # Two semi-joins on the commune's code: no DISTINCT over a join of every commune row.
    nommees = Candidature.communes.through.objects.filter(candidature__atelier__in=ateliers).values(
        "commune_id"
    )
    membres = Commune.objects.filter(epci__candidatures__atelier__in=intercommunaux).values("code")
    communes = Commune.objects.filter(Q(code__in=nommees) | Q(code__in=membres))
    resume = ateliers.aggregate(ateliers=Count("pk"), debut=Min("candidature__annee"))
    return {
        "ateliers": resume["ateliers"],
        "communes": communes.count(),
        "depuis": resume["debut"],
    }


def familles_de(atelier):
    return sorted(
        {t.get_famille_display() for t in atelier.candidature.thematiques.all()},
    )


@dataclass
class EnAttente:
    """A closed atelier missing from the catalogue, and why (for the DGALN's dashboard)."""

    atelier: Atelier
    fiche_validee: bool

    @property
    def raison(self):
        if self.fiche_validee:
            return "fiche synthétique validée, mais atelier retiré du catalogue par la DGALN"
        return f"fiche synthétique à valider par le service pilote ({self.atelier.service_pilote})"


def en_attente_de_publication(limite=20):
    """The closed ateliers that the catalogue does not show yet (their fiche synthétique is not
    validated) or no longer shows (the DGALN withheld them), the oldest closure first: one
    query. An atelier imported from the history is not among them."""
    ateliers = (
        Atelier.objects.filter(phase=Phase.CLOTURE, historique=False)
        .filter(
            Q(fiche_synthetique__validee_le__isnull=True) | Q(publication=Publication.NON_PUBLIE)
        )
        .annotate(validee_le=F("fiche_synthetique__validee_le"))
        .select_related("candidature", "service_pilote")
        .order_by("date_cloture", "pk")[:limite]
    )
    return [EnAttente(atelier, atelier.validee_le is not None) for atelier in ateliers]

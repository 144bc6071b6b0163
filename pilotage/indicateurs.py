"""The programme's figures for the DGALN's dashboard: each indicator one function, reading
the whole programme (the DGALN sees everything) in a fixed number of queries.

Each returns plain values (counts, Decimal amounts, days) that the page shows as a chart and
as the data table beside it, and that the tests check against a known dataset.
"""

import statistics
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from ateliers.models import Atelier, Phase
from candidatures.models import Candidature, StatutCandidature
from commandes import consommation, suivi, suivi_factures
from journal.models import Evenement
from livrables.models import Livrable
from referentiels.models import Thematique

# Files still in the DGALN's or the service's hands (a decision or an atelier is awaited).
CANDIDATURES_EN_COURS = (
    StatutCandidature.INTENTION,
    StatutCandidature.BROUILLON,
    StatutCandidature.DEPOSEE,
    StatutCandidature.EN_INSTRUCTION,
    StatutCandidature.COMPLEMENT_DEMANDE,
    StatutCandidature.ELIGIBLE,
)
DECIDEES = (
    StatutCandidature.ELIGIBLE,
    StatutCandidature.NON_ELIGIBLE,
    StatutCandidature.SANS_SUITE,
    StatutCandidature.ATTRIBUEE,
)


def candidatures_de_l_annee(annee):
    """The whole programme's campaign (``CandidatureQuerySet.campagne``)."""
    return Candidature.objects.campagne(annee)


def ateliers_par_phase():
    comptes = dict(
        Atelier.objects.order_by().values_list("phase").annotate(n=Count("id", distinct=True))
    )
    return [(p.label, comptes.get(p.value, 0)) for p in Phase]


def par_theme():
    """Ateliers per theme (a file names one or more themes), grouped by family."""
    comptes = dict(
        Thematique.objects.order_by()
        .values_list("pk")
        .annotate(n=Count("candidatures__atelier", distinct=True))
    )
    familles = dict(
        Thematique.objects.order_by()
        .values_list("famille")
        .annotate(n=Count("candidatures__atelier", distinct=True))
    )
    return {
        "familles": [(f.label, familles.get(f.value, 0)) for f in Thematique.Famille],
        "themes": [
            (t.get_famille_display(), t.libelle, comptes.get(t.pk, 0))
            for t in Thematique.objects.filter(actif=True)
        ],
    }


@dataclass(frozen=True)
class Projection:
    """When the accord-cadre's maximum would be reached at the pace of the last months."""

    rythme_mensuel: Decimal  # HT counted per 30 days over the window
    date: object  # the day the maximum is reached, or None
    avant_la_fin: bool  # reached before the accord-cadre ends
    retenu: Decimal = Decimal("0.00")  # HT counted so far (paid where known, else committed)

    @property
    def texte(self):
        if not self.rythme_mensuel:
            return "Aucun bon émis sur la période : pas de projection."
        if self.avant_la_fin:
            return f"Maximum atteint vers le {self.date:%d/%m/%Y} au rythme actuel."
        return "Maximum non atteint avant la fin de l'accord-cadre au rythme actuel."


FENETRE_RYTHME = 365  # days: the pace is that of the last twelve months


def projection(accord, aujourd_hui):
    """Project the date the maximum is reached. Each committed bon counts what was paid once
    its solde is paid, else what it commits (``consommation.retenu``); the bons emitted over
    the last twelve months (or since the accord-cadre started, if later) give the pace."""
    debut = max(accord.date_debut, aujourd_hui - timedelta(days=FENETRE_RYTHME))
    jours = max((aujourd_hui - debut).days, 1)
    total, recent = consommation.retenu(accord, debut)
    if aujourd_hui <= accord.date_debut or not recent:
        return Projection(Decimal("0.00"), None, False, total)
    par_jour = recent / jours
    reste = accord.montant_max_ht - total
    date = aujourd_hui + timedelta(days=int(reste / par_jour)) if reste > 0 else aujourd_hui
    return Projection(
        (par_jour * 30).quantize(Decimal("0.01")), date, date <= accord.date_fin, total
    )


def argent(aujourd_hui):
    """Per accord-cadre: maximum, ordered, executed, remaining, the projection, the
    consumption per year and titulaire (``commandes.consommation``) and the tourniquet."""
    lignes = suivi.accords_avec_consommation()
    consommations = consommation.consommations(ligne["accord"] for ligne in lignes)
    for ligne in lignes:
        ligne["projection"] = projection(ligne["accord"], aujourd_hui)
        ligne["consommation"] = consommations[ligne["accord"].pk]
        ligne["titulaires"] = suivi.registre_par_titulaire(ligne["accord"])
    return lignes


def factures_en_retard(aujourd_hui):
    """Unpaid invoices past their deadline, and those paid late this year with what the State
    owes for them (``commandes.suivi_factures.en_retard``)."""
    return suivi_factures.en_retard(aujourd_hui)


def _mediane_en_jours(durees):
    durees = [d for d in durees if d is not None and d >= 0]
    return {"jours": statistics.median(durees) if durees else None, "dossiers": len(durees)}


def delais(annee):
    """Median days from first deposit to decision for the files of campaign ``annee`` (the
    page shows it under that campaign), and from attribution to closure over the programme
    (ateliers run through the portal: the imported history has no such dates)."""
    decisions = Candidature.objects.filter(
        annee=annee,
        statut__in=DECIDEES,
        date_premier_depot__isnull=False,
        date_decision__isnull=False,
    ).values_list("date_premier_depot", "date_decision")
    clotures = Atelier.objects.filter(
        phase=Phase.CLOTURE, historique=False, date_cloture__isnull=False
    ).values_list("cree_le", "date_cloture")
    local = timezone.localdate
    return {
        "decision": _mediane_en_jours((local(b) - local(a)).days for a, b in decisions),
        "cloture": _mediane_en_jours((b - local(a)).days for a, b in clotures),
    }


def livrables_en_retard(aujourd_hui, limite=10):
    retard = Livrable.objects.en_retard(aujourd_hui)
    return {
        "nombre": retard.count(),
        "premiers": list(
            retard.select_related("atelier__candidature", "atelier__titulaire").order_by(
                "echeance", "pk"
            )[:limite]
        ),
    }


def _dernier_evenement(model):
    return Subquery(
        Evenement.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id=OuterRef("pk")
        )
        .order_by("-date")
        .values("date")[:1]
    )


def dossiers_immobiles(maintenant, limite=10):
    """Open files and ateliers with no event in their journal for
    ``PILOTAGE_SEMAINES_SANS_EVENEMENT`` weeks: what someone should look at."""
    seuil = maintenant - timedelta(weeks=settings.PILOTAGE_SEMAINES_SANS_EVENEMENT)
    candidatures = (
        Candidature.objects.filter(statut__in=CANDIDATURES_EN_COURS)
        .annotate(dernier=_dernier_evenement(Candidature))
        .filter(Q(dernier__lt=seuil) | Q(dernier__isnull=True, modifie_le__lt=seuil))
        .select_related("service")
        .order_by("dernier", "pk")
    )
    ateliers = (
        Atelier.objects.exclude(phase=Phase.CLOTURE)
        .annotate(dernier=_dernier_evenement(Atelier))
        .filter(Q(dernier__lt=seuil) | Q(dernier__isnull=True, modifie_le__lt=seuil))
        .select_related("candidature", "titulaire")
        .order_by("dernier", "pk")
    )
    return {
        "semaines": settings.PILOTAGE_SEMAINES_SANS_EVENEMENT,
        "candidatures": candidatures.count(),
        "ateliers": ateliers.count(),
        "premieres_candidatures": list(candidatures[:limite]),
        "premiers_ateliers": list(ateliers[:limite]),
    }

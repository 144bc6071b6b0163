"""Reading the execution of an accord-cadre: money ordered and the tourniquet's ledger."""

from decimal import Decimal

from django.db.models import Count, Q, Sum

from ateliers.models import Atelier
from marches import tourniquet
from marches.models import AccordCadre, TourDeTourniquet

from .models import ENGAGES, BonDeCommande, StatutBon


def _consommation(accord, commande, execute):
    commande = commande or Decimal("0.00")
    return {
        "maximum": accord.montant_max_ht,
        "commande": commande,
        "execute": execute or Decimal("0.00"),
        "reste": accord.montant_max_ht - commande,
        "pourcentage": round(100 * commande / accord.montant_max_ht),
    }


def consommation(accord):
    """Amounts HT ordered (bons emitted, notified or executed), executed and remaining."""
    totaux = BonDeCommande.objects.filter(atelier__accord_cadre=accord).aggregate(
        commande=Sum("montant_ht", filter=Q(statut__in=ENGAGES)),
        execute=Sum("montant_ht", filter=Q(statut=StatutBon.EXECUTE)),
    )
    return _consommation(accord, totaux["commande"], totaux["execute"])


def accords_avec_consommation():
    """Every accord-cadre with its consumption, in one query."""
    accords = AccordCadre.objects.annotate(
        commande=Sum("ateliers__bons__montant_ht", filter=Q(ateliers__bons__statut__in=ENGAGES)),
        execute=Sum(
            "ateliers__bons__montant_ht", filter=Q(ateliers__bons__statut=StatutBon.EXECUTE)
        ),
    ).order_by("-date_debut")
    return [{"accord": a, "conso": _consommation(a, a.commande, a.execute)} for a in accords]


def registre_par_titulaire(accord):
    """Per titulaire: ateliers attributed, times set aside, turns owed, amounts ordered."""
    ateliers = dict(
        Atelier.objects.filter(accord_cadre=accord)
        .values_list("titulaire")
        .annotate(n=Count("id"))
        .order_by()
    )
    ecarts = dict(
        TourDeTourniquet.objects.filter(accord_cadre=accord, issue=TourDeTourniquet.Issue.ECARTE)
        .values_list("titulaire")
        .annotate(n=Count("id"))
        .order_by()
    )
    montants = dict(
        BonDeCommande.objects.filter(atelier__accord_cadre=accord, statut__in=ENGAGES)
        .values_list("atelier__titulaire")
        .annotate(total=Sum("montant_ht"))
        .order_by()
    )
    dus = tourniquet.tours_dus_par_rang(accord)
    return [
        {
            "titulaire": t,
            "ateliers": ateliers.get(t.pk, 0),
            "ecarts": ecarts.get(t.pk, 0),
            "dus": dus.get(t.rang, 0),
            "commande": montants.get(t.pk, Decimal("0.00")),
        }
        for t in accord.titulaires.order_by("rang")
    ]

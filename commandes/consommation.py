"""The consumption of the accords-cadres: per accord-cadre, year and titulaire, the money
committed, certified, invoiced and paid, against the maximum.

Each figure is dated by its own event, so a year holds what happened in it:

- **engagé**: bons emitted, notified or executed, by the year of their emission (HT and TTC);
- **service fait**: bons executed, by the year of their service fait (HT and TTC);
- **facturé**: invoices received and not rejected, by the year Chorus Pro received them;
- **payé**: invoices put into payment, by the year of their mise en paiement.

The maximum of an accord-cadre is HT: it is compared with amounts HT only; TTC is shown beside
the invoiced and paid amounts because that is what the State pays. The whole programme is
read in five queries (four aggregates and the titulaires), whatever the number of bons.

``retenu`` is what the projection of the pilotage counts: per bon, what was paid once its
solde is paid, else what it commits.
"""

from dataclasses import dataclass, field, fields
from decimal import Decimal

from django.db.models import Case, DecimalField, Exists, F, OuterRef, Q, Subquery, Sum, When
from django.db.models.functions import Coalesce, ExtractYear, Greatest

from marches.models import Titulaire

from .modeles_factures import Facture, NatureFacture, StatutFacture
from .models import BonDeCommande, StatutBon

ZERO = Decimal("0.00")


def _zero():
    return ZERO


@dataclass
class Montants:
    engage_ht: Decimal = field(default_factory=_zero)
    engage_ttc: Decimal = field(default_factory=_zero)
    certifie_ht: Decimal = field(default_factory=_zero)
    certifie_ttc: Decimal = field(default_factory=_zero)
    facture_ht: Decimal = field(default_factory=_zero)
    facture_ttc: Decimal = field(default_factory=_zero)
    paye_ht: Decimal = field(default_factory=_zero)
    paye_ttc: Decimal = field(default_factory=_zero)

    def ajouter(self, autre):
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(autre, f.name))
        return self


@dataclass
class Ligne:
    """One row of the table: a year and a titulaire, or a total (``titulaire`` None)."""

    annee: int | None
    titulaire: Titulaire | None
    montants: Montants

    @property
    def est_total(self):
        return self.titulaire is None


@dataclass
class Consommation:
    accord: object
    lignes: list = field(default_factory=list)  # [Ligne] of a year and a titulaire
    total: Montants = field(default_factory=Montants)

    @property
    def maximum_ht(self):
        return self.accord.montant_max_ht

    @property
    def reste_ht(self):
        return self.maximum_ht - self.total.engage_ht

    def pourcentage(self, montant_ht):
        return round(100 * montant_ht / self.maximum_ht) if self.maximum_ht else 0

    @property
    def pourcentage_engage(self):
        return self.pourcentage(self.total.engage_ht)

    @property
    def pourcentage_paye(self):
        return self.pourcentage(self.total.paye_ht)

    @property
    def annees(self):
        return sorted({ligne.annee for ligne in self.lignes})

    @property
    def tableau(self):
        """The page's rows: each year's titulaires then the year's total; the grand total
        is ``total``."""
        resultat = []
        for annee in self.annees:
            du_millesime = [ligne for ligne in self.lignes if ligne.annee == annee]
            somme = Montants()
            for ligne in du_millesime:
                somme.ajouter(ligne.montants)
            resultat += [*du_millesime, Ligne(annee, None, somme)]
        return resultat


# Each figure: its rows, the year dating them, the paths to their accord-cadre and titulaire,
# and the name of its fields in ``Montants``. A row missing its date (entered outside the
# transitions, which always set it) takes that of the step before.
def _sources(accords):
    bons = BonDeCommande.objects.filter(atelier__accord_cadre__in=accords)
    factures = Facture.objects.filter(bon__atelier__accord_cadre__in=accords)
    return (
        (
            bons.engages(),
            Coalesce(ExtractYear("date_emission"), ExtractYear("cree_le")),
            "atelier__accord_cadre",
            "atelier__titulaire",
            "engage",
        ),
        (
            bons.filter(statut=StatutBon.EXECUTE),
            Coalesce(*(ExtractYear(d) for d in ("date_service_fait", "date_emission", "cree_le"))),
            "atelier__accord_cadre",
            "atelier__titulaire",
            "certifie",
        ),
        (
            factures.en_cours(),
            ExtractYear("recue_le"),
            "bon__atelier__accord_cadre",
            "bon__atelier__titulaire",
            "facture",
        ),
        (
            factures.filter(statut=StatutFacture.PAYEE),
            Coalesce(ExtractYear("mise_en_paiement_le"), ExtractYear("recue_le")),
            "bon__atelier__accord_cadre",
            "bon__atelier__titulaire",
            "paye",
        ),
    )


def consommations(accords):
    """``{accord.pk: Consommation}`` for the accords-cadres ``accords`` (a list or a
    queryset, already read), in five queries."""
    accords = list(accords)
    par_accord = {a.pk: Consommation(a) for a in accords}
    cellules = {}  # (accord, year, titulaire) -> Montants
    for lignes, annee, accord, titulaire, nom in _sources([a.pk for a in accords]):
        groupes = (
            lignes.order_by()
            .values(accord=F(accord), titulaire=F(titulaire), annee=annee)
            .annotate(ht=Sum("montant_ht"), ttc=Sum("montant_ttc"))
        )
        for g in groupes:
            montants = cellules.setdefault((g["accord"], g["annee"], g["titulaire"]), Montants())
            setattr(montants, f"{nom}_ht", g["ht"])
            setattr(montants, f"{nom}_ttc", g["ttc"])
    titulaires = Titulaire.objects.in_bulk({cle[2] for cle in cellules})
    for (accord, annee, titulaire), montants in sorted(
        cellules.items(), key=lambda c: (c[0][0], c[0][1] or 0, titulaires[c[0][2]].rang)
    ):
        conso = par_accord[accord]
        conso.lignes.append(Ligne(annee, titulaires[titulaire], montants))
        conso.total.ajouter(montants)
    return par_accord


def consommation(accord):
    return consommations([accord])[accord.pk]


def retenu(accord, depuis=None):
    """``(total, since)``: the HT the projection counts for the bons of ``accord``, and for
    those emitted on or after ``depuis``. A bon whose solde is paid counts what was paid
    (HT); any other committed bon counts its amount, or what was paid if that is more."""
    payees = Facture.objects.filter(bon=OuterRef("pk"), statut=StatutFacture.PAYEE)
    paye = Subquery(
        payees.order_by().values("bon").annotate(s=Sum("montant_ht")).values("s"),
        output_field=DecimalField(max_digits=12, decimal_places=2),
    )
    montant = DecimalField(max_digits=14, decimal_places=2)
    bons = BonDeCommande.objects.filter(atelier__accord_cadre=accord).engages()
    bons = bons.annotate(
        paye=Coalesce(paye, ZERO, output_field=montant),
        solde=Exists(payees.filter(nature=NatureFacture.SOLDE)),
    ).annotate(
        retenu=Case(
            When(solde=True, then=F("paye")),
            default=Greatest(F("montant_ht"), F("paye")),
            output_field=montant,
        )
    )
    depuis_le = Q(date_emission__gte=depuis) if depuis else Q(pk__isnull=False)
    totaux = bons.aggregate(total=Sum("retenu"), depuis=Sum("retenu", filter=depuis_le))
    return totaux["total"] or ZERO, totaux["depuis"] or ZERO

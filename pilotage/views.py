"""The DGALN's dashboard: where the programme stands, in charts and in tables."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from ateliers.territoires import par_territoire
from bilans import indicateurs as bilans
from candidatures.models import Candidature
from socle.decisions import refuser_sinon
from socle.graphiques import Graphique

from . import indicateurs
from .permissions import peut_piloter


def graphique_de_consommation(conso):
    """An accord-cadre's maximum and what is committed, certified, invoiced and paid, all HT."""
    reference = conso.accord.reference
    return Graphique(
        f"g-consommation-{conso.accord.pk}",
        f"Consommation de l'accord-cadre {reference} (HT, toutes années)",
        [
            ("Maximum", conso.maximum_ht),
            ("Engagé", conso.total.engage_ht),
            ("Service fait", conso.total.certifie_ht),
            ("Facturé", conso.total.facture_ht),
            ("Payé", conso.total.paye_ht),
        ],
        ("Montant", "Euros HT"),
        unite="€",
        euros=True,
    )


@login_required
def tableau(request):
    refuser_sinon(peut_piloter(request.user))
    maintenant = timezone.now()
    aujourd_hui = timezone.localdate()
    annees = sorted(
        set(Candidature.objects.order_by().values_list("annee", flat=True)) | {aujourd_hui.year},
        reverse=True,
    )
    try:
        annee = int(request.GET.get("annee", aujourd_hui.year))
    except ValueError:
        annee = aujourd_hui.year
    if annee not in annees:
        annee = aujourd_hui.year
    campagne = indicateurs.candidatures_de_l_annee(annee)
    territoires = par_territoire()
    themes = indicateurs.par_theme()
    graphiques = {
        "statuts": Graphique(
            "g-statuts",
            f"Candidatures {annee} par état",
            campagne["par_statut"],
            ("État", "Candidatures"),
            horizontal=True,
        ),
        "phases": Graphique(
            "g-phases",
            "Ateliers par phase, tout le programme",
            indicateurs.ateliers_par_phase(),
            ("Phase", "Ateliers"),
        ),
        "departements": Graphique(
            "g-departements",
            "Ateliers par département",
            territoires["departements"],
            ("Département", "Ateliers"),
            genre="carte-departements",
        ),
        "regions": Graphique(
            "g-regions",
            "Ateliers par région",
            [(nom, n) for _, nom, n in territoires["regions"] if n],
            ("Région", "Ateliers"),
            horizontal=True,
        ),
        "familles": Graphique(
            "g-familles",
            "Ateliers par famille de transitions",
            themes["familles"],
            ("Famille", "Ateliers"),
            horizontal=True,
        ),
    }
    argent = indicateurs.argent(aujourd_hui)
    for ligne in argent:
        ligne["graphique"] = graphique_de_consommation(ligne["consommation"])
    return render(
        request,
        "pilotage/tableau.html",
        {
            "titre": "Pilotage du programme",
            "annee": annee,
            "annees": annees,
            "campagne": campagne,
            "graphiques": graphiques,
            "themes": themes["themes"],
            "argent": argent,
            "factures": indicateurs.factures_en_retard(aujourd_hui),
            "delais": indicateurs.delais(annee),
            "retards": indicateurs.livrables_en_retard(aujourd_hui),
            "immobiles": indicateurs.dossiers_immobiles(maintenant),
            "bilans": bilans.synthese_des_bilans(),
            "suites": bilans.suites_a_douze_mois(aujourd_hui),
            "fil": [("Pilotage", "")],
        },
    )

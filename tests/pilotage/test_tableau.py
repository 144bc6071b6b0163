"""The DGALN's dashboard against a known dataset: counts, euros, medians, late and stalled."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ateliers.models import Atelier, Phase
from ateliers.territoires import par_territoire
from candidatures.models import Candidature, StatutCandidature
from commandes.models import BonDeCommande, StatutBon
from journal.models import Evenement, enregistrer
from livrables.models import StatutLivrable
from pilotage import indicateurs
from socle.formats import euros
from tests.factories import (
    AccordCadreFactory,
    AtelierFactory,
    CandidatureFactory,
    CommuneFactory,
    DepartementFactory,
    LivrableFactory,
    RegionFactory,
    ServiceFactory,
    ThematiqueFactory,
    TitulaireFactory,
    UserFactory,
)
from tests.outils import texte_lu

AUJOURD_HUI = timezone.localdate()


def jours(n):
    return AUJOURD_HUI - datetime.timedelta(days=n)


def midi(n):
    """Noon, local time, ``n`` days ago: its local date is ``jours(n)`` whatever the hour of
    the run and the summer time between (late in the evening, UTC minus 100 days is already
    the next day in Paris in summer)."""
    return timezone.make_aware(datetime.datetime.combine(jours(n), datetime.time(12)))


def _bon(atelier, ordre, montant, statut, emis_il_y_a=None):
    return BonDeCommande.objects.create(
        atelier=atelier,
        ordre=ordre,
        numero=f"BC-{atelier.pk}-{ordre}",
        objet="Atelier",
        montant_ht=Decimal(montant),
        taux_tva=Decimal("20.0"),
        statut=statut,
        date_emission=jours(emis_il_y_a) if emis_il_y_a is not None else None,
        cree_par=UserFactory(organisation=atelier.service_pilote),
    )


@pytest.fixture
def programme(db, settings):
    """Two régions, three ateliers, a hundred-thousand-euro accord-cadre, one year's files."""
    settings.OBJECTIF_ANNUEL_SELECTIONS = 10
    settings.PILOTAGE_SEMAINES_SANS_EVENEMENT = 6
    somme = DepartementFactory(code="80", nom="Somme", region=RegionFactory(code="32"))
    bretagne = RegionFactory(code="53", nom="Bretagne")
    ille = DepartementFactory(code="35", nom="Ille-et-Vilaine", region=bretagne)
    ddtm80 = ServiceFactory(departement=somme, type_service="DDTM")
    ddtm35 = ServiceFactory(departement=ille, type_service="DDTM")
    accord = AccordCadreFactory(
        montant_max_ht=Decimal("100000"), date_debut=jours(200), date_fin=jours(-1000)
    )
    titulaire = TitulaireFactory(accord_cadre=accord)
    friches = ThematiqueFactory(libelle="Reconversion des friches", famille="territoriales")
    risques = ThematiqueFactory(libelle="Gestion des risques", famille="environnementales")

    def atelier(service, communes, phase, themes=()):
        a = AtelierFactory(
            candidature__service=service,
            candidature__annee=2026,
            titulaire=titulaire,
            phase=phase,
        )
        a.candidature.communes.set(communes)
        a.candidature.thematiques.set(themes)
        return a

    amiens = CommuneFactory(code="80021", departement=somme)
    rennes = CommuneFactory(code="35238", departement=ille)
    a1 = atelier(ddtm80, [amiens], Phase.CADRAGE, [friches])
    a2 = atelier(ddtm35, [rennes], Phase.PRODUCTION)
    a3 = atelier(ddtm80, [amiens, rennes], Phase.CLOTURE, [friches, risques])
    # Closed after 100 and 200 days; the imported history does not count in the median.
    Atelier.objects.filter(pk=a3.pk).update(cree_le=midi(100), date_cloture=AUJOURD_HUI)
    a4 = AtelierFactory(
        titulaire=titulaire, phase=Phase.CLOTURE, historique=True, candidature__service=ddtm80
    )
    Atelier.objects.filter(pk=a4.pk).update(cree_le=midi(1000), date_cloture=AUJOURD_HUI)
    a5 = AtelierFactory(titulaire=titulaire, phase=Phase.CLOTURE, candidature__service=ddtm35)
    Atelier.objects.filter(pk=a5.pk).update(cree_le=midi(200), date_cloture=AUJOURD_HUI)

    _bon(a1, 1, "20000", StatutBon.EMIS, emis_il_y_a=30)
    _bon(a2, 1, "15000", StatutBon.EXECUTE, emis_il_y_a=100)
    _bon(a3, 1, "5000", StatutBon.ANNULE, emis_il_y_a=50)
    _bon(a3, 2, "7000", StatutBon.BROUILLON)

    # The 2026 campaign: 3 deposited, 2 eligible, 1 not eligible (+ the ateliers' files,
    # attributed: a1, a2, a3 are 2026; a4 and a5 are the factory's 2026 too).
    maintenant = timezone.now()
    for statut, n in (
        (StatutCandidature.DEPOSEE, 3),
        (StatutCandidature.ELIGIBLE, 2),
        (StatutCandidature.NON_ELIGIBLE, 1),
    ):
        CandidatureFactory.create_batch(n, statut=statut, annee=2026, service=ddtm80)
    CandidatureFactory.create_batch(2, statut=StatutCandidature.DEPOSEE, annee=2025, service=ddtm80)
    # Decisions 10, 20 and 40 days after the first deposit: median 20.
    decidees = list(
        Candidature.objects.filter(
            statut__in=(StatutCandidature.ELIGIBLE, StatutCandidature.NON_ELIGIBLE)
        ).order_by("pk")
    )
    for ecart, cand in zip((10, 20, 40), decidees, strict=True):
        Candidature.objects.filter(pk=cand.pk).update(
            date_premier_depot=midi(60), date_decision=midi(60 - ecart)
        )

    # Livrables: one late, one late but validated, one due later.
    LivrableFactory(atelier=a1, echeance=jours(5), intitule="Feuille de route en retard")
    LivrableFactory(atelier=a2, echeance=jours(5), statut=StatutLivrable.VALIDE)
    LivrableFactory(atelier=a2, echeance=jours(-20), type="plan_guide")

    # Journal: one deposited file silent for ten weeks, the others moved recently.
    deposees = list(
        Candidature.objects.filter(statut=StatutCandidature.DEPOSEE, annee=2026).order_by("pk")
    )
    for cand in deposees:
        enregistrer(cand, None, "depot", "Dossier déposé")
    Evenement.objects.filter(object_id=deposees[0].pk, action="depot").update(
        date=maintenant - datetime.timedelta(weeks=10)
    )
    for a in (a1, a2):
        enregistrer(a, None, "phase", "Phase")
    Evenement.objects.filter(object_id=a2.pk, action="phase").update(
        date=maintenant - datetime.timedelta(weeks=7)
    )
    return {
        "accord": accord,
        "titulaire": titulaire,
        "a1": a1,
        "a2": a2,
        "a3": a3,
        "silencieuse": deposees[0],
    }


def test_year_counts_by_state_and_selections_against_the_target(programme):
    campagne = indicateurs.candidatures_de_l_annee(2026)
    par_statut = dict(campagne["par_statut"])
    assert par_statut["Déposée"] == 3
    assert par_statut["Éligible"] == 2
    assert par_statut["Non éligible"] == 1
    assert par_statut["Attribuée"] == 5  # the five ateliers' files
    assert campagne["total"] == 11  # the 2025 files are not counted
    assert campagne["selectionnees"] == 7
    assert (campagne["objectif"], campagne["pourcentage"]) == (10, 70)


def test_ateliers_by_phase_territory_and_theme(programme):
    phases = dict(indicateurs.ateliers_par_phase())
    assert phases["Cadrage et appropriation"] == 1
    assert phases["Production des livrables"] == 1
    assert phases["Clôturé"] == 3

    territoires = par_territoire(
        Atelier.objects.filter(pk__in=[programme[k].pk for k in ("a1", "a2", "a3")])
    )
    par_dep = {code: n for code, _, n in territoires["departements"]}
    # a3 spans both départements: it counts in each.
    assert (par_dep["80"], par_dep["35"]) == (2, 2)
    par_reg = {code: n for code, _, n in territoires["regions"]}
    assert (par_reg["32"], par_reg["53"]) == (2, 2)

    themes = indicateurs.par_theme()
    familles = dict(themes["familles"])
    assert familles["Transitions territoriales et urbaines"] == 2
    assert familles["Transitions environnementales et énergétiques"] == 1
    assert ("Transitions territoriales et urbaines", "Reconversion des friches", 2) in themes[
        "themes"
    ]


def test_money_per_accord_cadre_and_the_projection(programme):
    (ligne,) = [x for x in indicateurs.argent(AUJOURD_HUI) if x["accord"] == programme["accord"]]
    conso = ligne["conso"]
    # Emitted + executed count as ordered; the cancelled and the draft do not.
    assert conso["commande"] == Decimal("35000.00")
    assert conso["execute"] == Decimal("15000.00")
    assert conso["reste"] == Decimal("65000.00")
    # 35 000 € in the 200 days since the accord-cadre began: 175 €/day, 5 250 € per 30 days;
    # the remaining 65 000 € take 371 more days, before the accord-cadre's end.
    projection = ligne["projection"]
    assert projection.rythme_mensuel == Decimal("5250.00")
    assert projection.date == AUJOURD_HUI + datetime.timedelta(days=371)
    assert projection.avant_la_fin
    (ligne_titulaire,) = ligne["titulaires"]
    assert ligne_titulaire["ateliers"] == 5
    assert ligne_titulaire["commande"] == Decimal("35000.00")


def test_projection_says_when_the_maximum_is_out_of_reach(programme):
    accord = programme["accord"]
    accord.date_fin = AUJOURD_HUI + datetime.timedelta(days=100)
    projection = indicateurs.projection(accord, AUJOURD_HUI)
    assert not projection.avant_la_fin
    assert "non atteint avant la fin" in projection.texte


def test_medians_exclude_the_imported_history(programme):
    delais = indicateurs.delais(2026)
    assert delais["decision"] == {"jours": 20, "dossiers": 3}
    # a3 after 100 days, a5 after 200; the imported a4 (1000 days) is left out.
    assert delais["cloture"] == {"jours": 150, "dossiers": 2}


def test_the_decision_delay_is_that_of_the_campaign_shown(programme, client):
    CandidatureFactory(
        statut=StatutCandidature.NON_ELIGIBLE,
        annee=2025,
        date_premier_depot=midi(400),
        date_decision=midi(300),
    )
    assert indicateurs.delais(2025)["decision"] == {"jours": 100, "dossiers": 1}
    assert indicateurs.delais(2026)["decision"] == {"jours": 20, "dossiers": 3}

    client.force_login(UserFactory(instructeur=True))
    page = texte_lu(client.get(reverse("pilotage:tableau"), {"annee": 2025}))
    assert re.search(r"100 j\s*délai médian du dépôt à la décision \(1 dossier\)", page)


def test_late_livrables_and_stalled_files(programme):
    retards = indicateurs.livrables_en_retard(AUJOURD_HUI)
    assert retards["nombre"] == 1
    assert retards["premiers"][0].intitule == "Feuille de route en retard"

    immobiles = indicateurs.dossiers_immobiles(timezone.now())
    assert programme["silencieuse"] in immobiles["premieres_candidatures"]
    assert immobiles["candidatures"] == 1
    # a2 silent for 7 weeks; a1 moved today; a3, a4, a5 are closed.
    assert [a.pk for a in immobiles["premiers_ateliers"]] == [programme["a2"].pk]


@pytest.mark.parametrize(
    ("qui", "attendu"),
    [
        ("anonyme", 302),
        ("agent", 403),
        ("prestataire", 403),
        ("instructeur", 200),
        ("administrateur", 200),
    ],
)
def test_only_the_dgaln_sees_the_dashboard(client, db, qui, attendu):
    if qui != "anonyme":
        client.force_login(UserFactory(**({qui: True} if qui != "agent" else {})))
    assert client.get(reverse("pilotage:tableau")).status_code == attendu


def test_dashboard_page_shows_the_figures_with_their_tables(client, programme):
    client.force_login(UserFactory(instructeur=True))
    page = client.get(reverse("pilotage:tableau"), {"annee": 2026}).content.decode()
    assert "7 / 10" in page
    assert "Candidatures 2026 par état (données)" in page
    assert '<th scope="row">Somme</th>' in page
    assert euros(Decimal("35000")) in page  # ordered under the accord-cadre
    assert "Feuille de route en retard" in page
    assert programme["silencieuse"].titre in page
    # A year nobody asked about falls back to the current one, without an error.
    assert client.get(reverse("pilotage:tableau"), {"annee": "x"}).status_code == 200


def test_dashboard_queries_do_not_grow_with_the_programme(
    client, programme, django_assert_max_num_queries
):
    client.force_login(UserFactory(instructeur=True))
    with django_assert_max_num_queries(45):
        client.get(reverse("pilotage:tableau"))

"""The benchmark's dataset (``manage.py peupler``, ``bench.volume``) and its yardstick page
(``/reference/``).

The command belongs to the ``bench`` app, which only ``bench.settings`` installs: the tests
run under the portal's own settings and call the command object itself.
"""

from collections import Counter
from io import StringIO

import pytest
from django.conf import settings as reglages
from django.core.management import CommandError, call_command, get_commands
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ateliers.models import Atelier, Phase
from bench.management.commands.peupler import Command as Peupler
from candidatures.models import Candidature, StatutCandidature
from commandes.models import BonDeCommande, calculer_montants
from comptes.models import Organisation
from journal import chaine
from journal.models import Evenement
from livrables.models import Version
from marches import tourniquet
from marches.models import AccordCadre
from referentiels.models import Departement


def peupler(*arguments):
    sortie = StringIO()
    call_command(Peupler(), *arguments, stdout=sortie)
    return sortie.getvalue()


def test_the_portal_does_not_install_the_generator_only_the_bench_settings_do():
    import bench.settings

    assert "bench" not in reglages.INSTALLED_APPS
    assert "peupler" not in get_commands()
    assert [*reglages.INSTALLED_APPS, "bench"] == bench.settings.INSTALLED_APPS


def test_seed_creates_the_volumes_asked_and_says_how_long_it_took(db, referentiel):
    sortie = peupler("--candidatures=400", "--ateliers=60", "--bons=100", "--versions=300")
    assert Candidature.objects.count() == 400
    assert Atelier.objects.count() == 60
    assert BonDeCommande.objects.count() == 100
    assert Version.objects.count() == 300
    assert "Jeu de mesure créé en" in sortie
    # Every state of a file, every campaign since 2019, every département of the référentiel.
    assert set(Candidature.objects.values_list("statut", flat=True)) == set(
        StatutCandidature.values
    )
    assert set(Candidature.objects.values_list("annee", flat=True)) == set(range(2019, 2027))
    services = Organisation.objects.services()
    par_departement = {s.departement_id: s.pk for s in services if s.departement_id}
    par_region = {s.region_id: s.pk for s in services if s.region_id}
    attendus = {
        par_departement.get(d.code) or par_region.get(d.region_id)
        for d in Departement.objects.filter(actif=True)
    } - {None}  # a collectivité d'outre-mer has no service of the programme
    assert set(Candidature.objects.values_list("service", flat=True)) == attendus
    # Every version is a real file on disk, stored under a random name.
    version = Version.objects.order_by("?").first()
    with version.fichier.open("rb") as fichier:
        assert fichier.read().startswith(b"%PDF-")
    assert version.nom_fichier not in version.fichier.name


def test_seeded_data_follows_the_business_rules(db, referentiel):
    peupler("--candidatures=200", "--ateliers=40", "--bons=80", "--versions=120")
    # Each file's journal ends in its current state; an atelier has its candidature attributed.
    for cand in Candidature.objects.all()[:60]:
        dernier = Evenement.objects.pour(cand).order_by("date", "id").last()
        assert dernier.etat_apres == cand.statut, cand
    assert not Atelier.objects.exclude(candidature__statut=StatutCandidature.ATTRIBUEE).exists()
    assert not Atelier.objects.filter(phase=Phase.CLOTURE, date_cloture__isnull=True).exists()
    # At most two bons per atelier, amounts to the cent, unique numbers.
    assert max(Counter(BonDeCommande.objects.values_list("atelier", flat=True)).values()) <= 2
    for bon in BonDeCommande.objects.all():
        assert (bon.montant_tva, bon.montant_ttc) == calculer_montants(bon.montant_ht, bon.taux_tva)
    # The tourniquet's ledger replays without an anomaly.
    for accord in AccordCadre.objects.all():
        assert tourniquet.verifier(accord) == []
    # The journal comes sealed: its whole chain verifies.
    rapport = chaine.verifier()
    assert rapport.integre, rapport.rupture
    assert (rapport.scelles, rapport.non_scelles) == (Evenement.objects.count(), 0)


def test_seed_refuses_a_base_that_holds_files(db, referentiel):
    peupler("--candidatures=5", "--ateliers=2", "--bons=2", "--versions=2")
    with pytest.raises(CommandError, match="base vide"):
        peupler("--candidatures=5", "--ateliers=2", "--bons=2", "--versions=2")
    assert Candidature.objects.count() == 5


def test_seed_refuses_impossible_volumes(db, referentiel):
    with pytest.raises(CommandError, match="deux bons"):
        peupler("--candidatures=10", "--ateliers=2", "--bons=5", "--versions=0")
    assert not Candidature.objects.exists()


def test_reference_page_is_off_unless_the_benchmark_turns_it_on(client, db, settings):
    assert client.get("/reference/").status_code == 404
    settings.PAGE_DE_REFERENCE = True
    with CaptureQueriesContext(connection) as requetes:
        reponse = client.get("/reference/")
    assert reponse.status_code == 200
    assert "Page de référence" in reponse.content.decode()
    assert len(requetes) == 0


def test_the_benchmark_finds_each_page_it_loads_and_each_answers(db, referentiel, settings):
    """``make bench`` picks its pages and accounts from the seeded data: on a small seed,
    every page it would load answers 200 to the role it would load it as, within the query
    budgets of issue 29."""
    from bench import pages as familles
    from bench.mesure import mesurer_pages

    settings.PAGE_DE_REFERENCE = True
    peupler("--candidatures=300", "--ateliers=60", "--bons=100", "--versions=150")
    pages = mesurer_pages()  # exits if a page does not answer 200
    requetes = {p["nom"]: p["requetes"] for p in pages}
    par_famille = {}
    for page in pages:
        par_famille.setdefault(page["famille"], []).append(page["requetes"])
    assert pages[0]["famille"] == familles.REFERENCE
    assert {
        familles.REFERENCE_CONNECTEE,
        familles.LISTE,
        familles.FICHE,
        familles.PUBLIC,
        familles.ADMIN,
        familles.EXPORT,
    } <= set(par_famille)
    # The yardstick makes no query, signed in or not: session, person and badge are cached.
    assert par_famille[familles.REFERENCE] == [0], requetes
    assert set(par_famille[familles.REFERENCE_CONNECTEE]) == {0}, requetes
    # The public catalogue: its fingerprint only.
    assert set(par_famille[familles.PUBLIC]) == {1}, requetes
    assert max(par_famille[familles.LISTE]) <= 8, requetes
    # The candidature's and the atelier's pages are the heaviest of the portal's own (the
    # admin's changelists have their budgets in tests/administration).
    portail = [p["requetes"] for p in pages if p["famille"] != familles.ADMIN]
    assert max(portail) <= 15, requetes


def test_the_generated_journal_follows_the_candidature_table():
    """Each generated path is walked through the workflow's table: a code or a step that the
    table does not know (« opportunite » instead of « opportunite_confirmee ») fails here."""
    from bench.volume.parcours import PARCOURS, journal_de
    from candidatures.models import StatutCandidature
    from candidatures.workflow import Action

    for statut, parcours in PARCOURS.items():
        etapes = journal_de(parcours)
        assert {action for action, *_ in etapes} <= set(Action)
        fin = etapes[-1][3]
        assert fin == (
            StatutCandidature.ELIGIBLE if statut == StatutCandidature.ATTRIBUEE else statut
        )

"""The demo tells one story whose dates agree everywhere: each event of a file or an atelier
is stamped on the day it happened in that story, not on the day the demo was loaded."""

import datetime

from django.utils import timezone

from ateliers.models import Atelier, Phase
from ateliers.workflow import Action as ActionAtelier
from candidatures.workflow import Action as ActionCandidature
from journal.models import Evenement
from livrables.models import Version


def _jour(moment):
    return timezone.localdate(moment)


def _evenements(at):
    return list(Evenement.objects.pour(at, at.candidature).order_by("date", "pk"))


def test_an_atelier_s_timeline_follows_its_file_then_its_planning(demo):
    aujourdhui = timezone.localdate()
    for at in Atelier.objects.filter(historique=False).exclude(phase=Phase.CLOTURE):
        evenements = _evenements(at)
        intention = evenements[0]
        assert intention.action == ActionCandidature.INTENTION
        # The file was declared months before it became an atelier…
        attribution = next(e for e in evenements if e.action == ActionCandidature.ATTRIBUTION)
        assert (_jour(attribution.date) - _jour(intention.date)).days > 60, at
        # …whose cadrage started the day it was attributed…
        cadrage = at.planning.get(phase=Phase.CADRAGE)
        assert cadrage.debut_reel == _jour(attribution.date), at
        # …and each phase change is stamped on the day the planning says it started.
        for evenement in (e for e in evenements if e.action == ActionAtelier.PHASE):
            etape = at.planning.get(debut_reel=_jour(evenement.date))
            assert etape.get_phase_display() in evenement.libelle
        assert all(_jour(e.date) <= aujourdhui for e in evenements)
        assert len({e.date.replace(second=0, microsecond=0) for e in evenements}) > 5


def test_ham_lived_its_on_site_days_before_its_livrables(demo):
    ham = Atelier.objects.get(candidature__titre="Ham, cœur de ville")
    animation = ham.planning.get(phase=Phase.ANIMATION)
    assert animation.debut_reel == ham.programme.premier_jour
    assert animation.fin_reelle == ham.programme.dernier_jour
    depots = Version.objects.filter(livrable__atelier=ham)
    assert depots and all(_jour(v.deposee_le) > animation.fin_reelle for v in depots)
    feuille = ham.livrables.get(type="feuille_de_route")
    assert _jour(feuille.versions.order_by("numero").first().deposee_le) <= feuille.echeance


def test_the_closed_atelier_of_doullens_is_dated_2023_2024(demo):
    sueur = Atelier.objects.get(candidature__titre="Reconquête du site Sueur")
    assert sueur.candidature.cree_le.year == 2023
    (cloture,) = [e for e in _evenements(sueur) if e.action == ActionAtelier.CLOTURE]
    assert _jour(cloture.date) == sueur.date_cloture == datetime.date(2024, 3, 29)
    assert sueur.livrables.filter(versions__deposee_le__year=2024).count() == 3

"""The audit journal is append-only and tamper-evident: a hash chain over every event."""

import itertools
import threading
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from journal import chaine
from journal.models import Evenement, JournalEnAjoutSeul, enregistrer
from journal.tasks import sceller_journal
from tests.factories import CandidatureFactory, UserFactory


@pytest.fixture
def journal(db, django_capture_on_commit_callbacks):
    """Five events on two files, written and committed as the portal does."""
    agent = UserFactory()
    premier, second = CandidatureFactory(), CandidatureFactory()
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(3):
            enregistrer(premier, agent, "etape", f"Étape {i}", "avant", "apres", "motif")
        for i in range(2):
            enregistrer(second, None, "auto", f"Automatique {i}", interne=True)
    return list(Evenement.objects.order_by("rang"))


@contextmanager
def sans_garde():
    """Write to the table as someone with direct database access would (on PostgreSQL, a
    superuser who turns the append-only trigger off)."""
    with connection.cursor() as curseur:
        if connection.vendor == "postgresql":
            curseur.execute("SET session_replication_role = replica")
        try:
            yield curseur
        finally:
            if connection.vendor == "postgresql":
                curseur.execute("SET session_replication_role = DEFAULT")


def verification():
    """The command's output, or its error."""
    from io import StringIO

    sortie = StringIO()
    try:
        call_command("verifier_journal", stdout=sortie)
    except CommandError as erreur:
        return False, str(erreur)
    return True, sortie.getvalue()


def test_committed_events_are_chained_in_order(journal):
    assert [e.rang for e in journal] == [1, 2, 3, 4, 5]
    assert journal[0].empreinte_precedente == chaine.ORIGINE
    for avant, apres in itertools.pairwise(journal):
        assert apres.empreinte_precedente == avant.empreinte
    assert len({e.empreinte for e in journal}) == 5
    ok, sortie = verification()
    assert ok
    assert "Journal intègre : 5 événement(s) chaîné(s)" in sortie
    assert journal[-1].empreinte in sortie


def test_a_changed_comment_is_reported_at_its_rank(journal):
    cible = journal[1]
    with sans_garde() as curseur:
        curseur.execute(
            "UPDATE journal_evenement SET commentaire = %s WHERE id = %s", ["autre motif", cible.pk]
        )
    ok, message = verification()
    assert not ok
    assert message.startswith(f"Maillon rompu au rang 2 (événement n° {cible.pk} du ")
    assert "« Étape 1 »" in message
    assert "son contenu a été modifié après scellement" in message


def test_a_change_of_actor_or_date_is_reported(journal):
    cible = journal[3]
    with sans_garde() as curseur:
        curseur.execute(
            "UPDATE journal_evenement SET acteur_id = %s WHERE id = %s",
            [UserFactory().pk, cible.pk],
        )
    ok, message = verification()
    assert not ok
    assert "rang 4" in message


def test_a_deleted_event_is_reported_as_missing(journal):
    with sans_garde() as curseur:
        curseur.execute("DELETE FROM journal_evenement WHERE id = %s", [journal[2].pk])
    ok, message = verification()
    assert not ok
    assert f"Maillon rompu au rang 4 (événement n° {journal[3].pk}" in message
    assert "événement(s) de rang 3 manquant(s) avant lui" in message


def test_a_rewritten_chain_without_the_key_does_not_verify(journal, settings):
    """Someone who changes an event and recomputes every fingerprint after it, but does not
    hold JOURNAL_CLE, still breaks the chain."""
    settings.JOURNAL_CLE = "cle-du-faussaire"
    cible = journal[2]
    with sans_garde() as curseur:
        curseur.execute(
            "UPDATE journal_evenement SET libelle = 'Falsifié' WHERE id = %s", [cible.pk]
        )
    precedente = journal[1].empreinte
    for evenement in Evenement.objects.filter(rang__gte=3).order_by("rang"):
        nouvelle = chaine.empreinte(evenement, evenement.rang, precedente)
        with sans_garde() as curseur:
            curseur.execute(
                "UPDATE journal_evenement SET empreinte_precedente = %s, empreinte = %s "
                "WHERE id = %s",
                [precedente, nouvelle, evenement.pk],
            )
        precedente = nouvelle
    settings.JOURNAL_CLE = ""
    ok, message = verification()
    assert not ok
    assert "rang 3" in message


def test_the_portal_refuses_to_change_or_delete_an_event(journal):
    evenement = Evenement.objects.get(pk=journal[0].pk)
    evenement.libelle = "Autre"
    with pytest.raises(JournalEnAjoutSeul):
        evenement.save()
    with pytest.raises(JournalEnAjoutSeul):
        evenement.delete()
    assert Evenement.objects.get(pk=journal[0].pk).libelle == "Étape 0"


def test_the_database_refuses_to_change_a_sealed_event_or_delete_any(journal):
    if connection.vendor != "postgresql":
        pytest.skip("Le déclencheur d'ajout seul est propre à PostgreSQL (CI).")
    for requete in (
        lambda: Evenement.objects.filter(pk=journal[0].pk).update(libelle="Autre"),
        lambda: Evenement.objects.filter(pk=journal[0].pk)._raw_delete(Evenement.objects.db),
    ):
        with pytest.raises(DatabaseError, match="en ajout seul"), transaction.atomic():
            requete()
    assert Evenement.objects.get(pk=journal[0].pk).libelle == "Étape 0"
    assert Evenement.objects.count() == 5


def test_a_rolled_back_event_is_never_chained(journal, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as rappels:
        try:
            with transaction.atomic():
                enregistrer(CandidatureFactory(), None, "annule", "Annulé")
                raise RuntimeError
        except RuntimeError:
            pass
    assert rappels == []
    assert not Evenement.objects.filter(action="annule").exists()
    assert verification()[0]


def test_events_left_unsealed_are_reported_then_sealed_by_the_sweep(journal):
    # No commit hook ran (a worker killed between the commit and the seal).
    enregistrer(CandidatureFactory(), None, "orphelin", "Sans sceau")
    ok, sortie = verification()
    assert ok
    assert "1 événement(s) pas encore scellé(s)" in sortie
    assert sceller_journal() == 1
    orphelin = Evenement.objects.get(action="orphelin")
    assert orphelin.rang == 6
    assert orphelin.empreinte_precedente == journal[-1].empreinte
    ok, sortie = verification()
    assert "6 événement(s) chaîné(s)" in sortie
    assert "pas encore scellé" not in sortie


@pytest.mark.django_db(transaction=True)
def test_simultaneous_writers_make_one_unbroken_chain():
    if connection.vendor != "postgresql":
        pytest.skip("Les écritures simultanées se vérifient sur PostgreSQL (CI).")
    dossiers = [CandidatureFactory() for _ in range(4)]
    depart = threading.Barrier(len(dossiers))
    erreurs = []

    def ecrire(dossier):
        try:
            depart.wait()
            for i in range(10):
                with transaction.atomic():
                    enregistrer(dossier, None, "etape", f"Étape {i}")
        except Exception as erreur:  # pragma: no cover - reported below
            erreurs.append(erreur)
        finally:
            connection.close()

    fils = [threading.Thread(target=ecrire, args=(d,)) for d in dossiers]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    assert erreurs == []
    # Each commit sealed its own event: none waits for the sweep (sealers take turns).
    assert not Evenement.objects.filter(rang__isnull=True).exists()
    rapport = chaine.verifier()
    assert rapport.integre, rapport.rupture
    assert rapport.scelles == Evenement.objects.count()
    assert list(Evenement.objects.order_by("rang").values_list("rang", flat=True)) == list(
        range(1, rapport.scelles + 1)
    )

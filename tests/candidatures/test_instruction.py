"""The DGALN's review through the pages: inbox filters, actions, complement and its diff."""

import datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidatures import transitions
from candidatures.models import Candidature, StatutCandidature
from referentiels.models import Departement, Region
from tests.factories import (
    CandidatureFactory,
    CommuneFactory,
    ServiceFactory,
    ThematiqueFactory,
    UserFactory,
    completer,
)
from tests.outils import texte, texte_lu

pytestmark = pytest.mark.django_db


def titres(reponse):
    return [c.titre for c in reponse.context["page"].object_list]


@pytest.fixture
def boite(client, instructeur):
    client.force_login(instructeur)
    return client


def test_inbox_filters_by_state_year_service_theme_and_instructeur(boite, instructeur):
    friche = ThematiqueFactory(libelle="Reconversion des friches")
    a = CandidatureFactory(titre="A", statut=StatutCandidature.DEPOSEE, annee=2026)
    a.thematiques.add(friche)
    b = CandidatureFactory(
        titre="B", statut=StatutCandidature.EN_INSTRUCTION, annee=2025, instructeur=instructeur
    )
    CandidatureFactory(titre="C", statut=StatutCandidature.ELIGIBLE, annee=2026, service=b.service)
    url = reverse("candidatures:liste")
    assert titres(boite.get(url, {"statut": "deposee"})) == ["A"]
    assert sorted(titres(boite.get(url, {"annee": "2026"}))) == ["A", "C"]
    assert sorted(titres(boite.get(url, {"service": b.service.pk}))) == ["B", "C"]
    assert titres(boite.get(url, {"thematique": friche.pk})) == ["A"]
    assert titres(boite.get(url, {"instructeur": instructeur.pk})) == ["B"]
    assert sorted(titres(boite.get(url, {"instructeur": "null"}))) == ["A", "C"]


def test_inbox_filters_by_region_and_departement(boite):
    bretagne = Region.objects.create(code="53", nom="Bretagne")
    ille = Departement.objects.create(code="35", nom="Ille-et-Vilaine", region=bretagne)
    dreal = ServiceFactory(
        type_service="DREAL", departement=None, region=bretagne, nom="DREAL Bretagne"
    )
    ddtm = ServiceFactory(departement=ille)
    CandidatureFactory(titre="Par la DREAL", service=dreal)
    CandidatureFactory(titre="Par la DDTM", service=ddtm)
    CandidatureFactory(titre="Ailleurs")
    url = reverse("candidatures:liste")
    assert sorted(titres(boite.get(url, {"region": "53"}))) == ["Par la DDTM", "Par la DREAL"]
    assert titres(boite.get(url, {"departement": "35"})) == ["Par la DDTM"]


def test_full_text_search_ignores_accents_and_case(boite):
    cand = CandidatureFactory(titre="Friche de l'Écluse", enjeux="Dépollution des sols")
    cand.communes.add(CommuneFactory(nom="Pont-Rémy"))
    cand.mettre_a_jour_recherche()
    CandidatureFactory(titre="Autre chose")
    url = reverse("candidatures:liste")
    for q in ("ecluse", "DEPOLLUTION", "pont-remy", "friche sols"):
        assert titres(boite.get(url, {"q": q})) == ["Friche de l'Écluse"], q
    assert titres(boite.get(url, {"q": "écluse introuvable"})) == []


def test_inbox_sorts_and_paginates(boite):
    for i in range(30):
        CandidatureFactory(titre=f"Dossier {i:02d}")
    url = reverse("candidatures:liste")
    premiere = boite.get(url, {"tri": "titre"})
    assert titres(premiere)[:2] == ["Dossier 00", "Dossier 01"] and len(titres(premiere)) == 25
    assert titres(boite.get(url, {"tri": "-titre"}))[0] == "Dossier 29"
    assert titres(boite.get(url, {"tri": "titre", "page": 2})) == [
        f"Dossier {i}" for i in range(25, 30)
    ]


def test_inbox_shows_the_year_against_the_target(boite, settings):
    settings.OBJECTIF_ANNUEL_SELECTIONS = 30
    annee = datetime.date.today().year
    for _ in range(3):
        CandidatureFactory(statut=StatutCandidature.ELIGIBLE, annee=annee)
    CandidatureFactory(statut=StatutCandidature.DEPOSEE, annee=annee)
    page = texte(boite.get(reverse("candidatures:liste")))
    assert f"Campagne {annee} : 3 dossiers retenus sur un objectif de 30" in page
    assert "Déposée : 1" in page


def _liste_remplie(n, service, instructeur):
    for _ in range(n):
        cand = CandidatureFactory(service=service, instructeur=instructeur)
        cand.communes.add(CommuneFactory(departement=service.departement))


@pytest.mark.parametrize("role", ["instructeur", "agent"])
def test_lists_run_the_same_number_of_queries_for_5_or_55_files(
    role, request, client, service, instructeur
):
    client.force_login(request.getfixturevalue(role))
    url = reverse("candidatures:liste")
    _liste_remplie(5, service, instructeur)
    # Both computed afresh: the filters' options and the session are kept in the cache.
    cache.clear()
    with CaptureQueriesContext(connection) as peu:
        assert client.get(url, {"tri": "titre"}).status_code == 200
    _liste_remplie(50, service, instructeur)
    cache.clear()
    with CaptureQueriesContext(connection) as beaucoup:
        reponse = client.get(url, {"tri": "titre"})
    assert len(reponse.context["page"].object_list) == 25
    assert len(beaucoup) == len(peu), [q["sql"] for q in beaucoup]


def test_complement_reopens_only_the_named_sections_and_the_reviewer_sees_the_changes(
    client, agent, instructeur
):
    cand = completer(
        CandidatureFactory(
            service=agent.organisation, cree_par=agent, statut=StatutCandidature.BROUILLON
        )
    )
    transitions.deposer(agent, cand)
    client.force_login(instructeur)
    client.post(
        reverse("candidatures:action", args=[cand.pk, "prendre-en-charge"]),
        {"instructeur": instructeur.pk},
    )
    reponse = client.post(
        reverse("candidatures:action", args=[cand.pk, "demander-complement"]),
        {"message": "Précisez les objectifs", "rubriques": ["strategie"]},
    )
    assert reponse.status_code == 302
    cand.refresh_from_db()
    assert cand.statut == StatutCandidature.COMPLEMENT_DEMANDE

    client.force_login(agent)
    page = texte(client.get(reverse("candidatures:detail", args=[cand.pk])))
    assert "Précisez les objectifs" in page
    refus = client.post(
        reverse("candidatures:rubrique", args=[cand.pk, "contacts"]),
        {"ref_collectivite_nom": "Quelqu'un d'autre"},
        follow=True,
    )
    assert "ne fait pas partie du complément demandé" in texte(refus)
    donnees = {
        "strategie": cand.strategie,
        "thematiques": list(cand.thematiques.values_list("pk", flat=True)),
        "secteur": cand.secteur,
        "enjeux": cand.enjeux,
        "problematiques": cand.problematiques,
        "objectifs": "Un plan-guide et une OAP",
    }
    client.post(reverse("candidatures:rubrique", args=[cand.pk, "strategie"]), donnees)
    client.post(reverse("candidatures:deposer", args=[cand.pk]))
    cand.refresh_from_db()
    assert cand.statut == StatutCandidature.EN_INSTRUCTION
    assert cand.ref_collectivite_nom == "Marie Maire"

    client.force_login(instructeur)
    page = texte(client.get(reverse("candidatures:detail", args=[cand.pk])))
    assert "Ce qui a changé depuis le dépôt précédent" in page
    assert "Un plan-guide et une OAP" in page
    assert "Stratégie et enjeux — Objectifs" in page
    assert "Dossier complété et déposé à nouveau" in page  # timeline


def test_the_decision_page_needs_a_motif_and_explains_it(client, instructeur, agent):
    cand = CandidatureFactory(
        service=agent.organisation, statut=StatutCandidature.EN_INSTRUCTION, instructeur=instructeur
    )
    client.force_login(instructeur)
    url = reverse("candidatures:action", args=[cand.pk, "non-eligible"])
    reponse = client.post(url, {"motif": ""})
    assert "Ce champ est obligatoire" in texte(reponse)
    cand.refresh_from_db()
    assert cand.statut == StatutCandidature.EN_INSTRUCTION
    client.post(url, {"motif": "Hors périmètre du programme"})
    cand.refresh_from_db()
    assert cand.statut == StatutCandidature.NON_ELIGIBLE
    client.force_login(agent)
    page = texte(client.get(reverse("candidatures:detail", args=[cand.pk])))
    assert "Hors périmètre du programme" in page and "Dossier non éligible" in page


def test_messages_reach_the_other_side_with_an_unread_count(
    client, agent, collegue, instructeur, django_capture_on_commit_callbacks
):
    cand = CandidatureFactory(
        service=agent.organisation,
        cree_par=agent,
        statut=StatutCandidature.EN_INSTRUCTION,
        instructeur=instructeur,
    )
    client.force_login(agent)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("candidatures:ecrire", args=[cand.pk]), {"texte": "Voici le plan"})
    assert [m.to for m in mail.outbox] == [[instructeur.email]]
    client.force_login(instructeur)
    accueil = texte_lu(client.get(reverse("tableau_de_bord")))
    assert "1 non lue" in accueil
    notification = instructeur.notifications.get()
    reponse = client.post(reverse("notifications:ouvrir", args=[notification.pk]))
    assert reponse.url == f"/candidatures/{cand.pk}/#messages"
    assert "non lue" not in texte_lu(client.get(reverse("tableau_de_bord")))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("candidatures:ecrire", args=[cand.pk]), {"texte": "Merci"})
    assert sorted(m.to[0] for m in mail.outbox) == [agent.email, collegue.email]


def test_nobody_opens_someone_else_notification(client, agent, instructeur):
    from notifications.models import Notification

    n = Notification.objects.create(destinataire=agent, titre="x", lien="/")
    client.force_login(instructeur)
    assert client.post(reverse("notifications:ouvrir", args=[n.pk])).status_code == 404


def test_the_thread_is_closed_while_the_file_is_a_draft(client, agent):
    cand = CandidatureFactory(service=agent.organisation, statut=StatutCandidature.BROUILLON)
    client.force_login(agent)
    reponse = client.post(
        reverse("candidatures:ecrire", args=[cand.pk]), {"texte": "Allô ?"}, follow=True
    )
    assert "Les échanges s'ouvrent au dépôt" in texte(reponse)
    assert not cand.messages.exists()


def test_a_colleague_of_the_dgaln_can_be_given_the_file(client, instructeur):
    collegue = UserFactory(instructeur=True, last_name="Zola")
    cand = CandidatureFactory(statut=StatutCandidature.DEPOSEE)
    client.force_login(instructeur)
    client.post(
        reverse("candidatures:action", args=[cand.pk, "prendre-en-charge"]),
        {"instructeur": collegue.pk},
    )
    cand.refresh_from_db()
    assert cand.instructeur == collegue and cand.statut == StatutCandidature.EN_INSTRUCTION


def test_column_headers_sort_the_inbox_and_say_how(boite):
    CandidatureFactory(titre="Alpha")
    CandidatureFactory(titre="Zeta")
    url = reverse("candidatures:liste")
    page = boite.get(url, {"tri": "titre", "statut": "deposee"}).content.decode()
    assert 'aria-sort="ascending"' in page
    assert "?tri=-titre&amp;statut=deposee" in page  # the header link inverts, filters kept
    assert titres(boite.get(url, {"tri": "-titre"})) == ["Zeta", "Alpha"]


def test_search_matches_the_start_of_words_and_shrugs_off_query_syntax(boite):
    cand = CandidatureFactory(titre="Friche de l'Écluse", enjeux="Dépollution des sols")
    cand.mettre_a_jour_recherche()
    CandidatureFactory(titre="Autre chose").mettre_a_jour_recherche()
    url = reverse("candidatures:liste")
    for q in ("eclu", "Dépol friche"):
        assert titres(boite.get(url, {"q": q})) == ["Friche de l'Écluse"], q
    # Characters of PostgreSQL's tsquery syntax or of SQL are only separators here.
    for q in ("'; DROP TABLE candidatures_candidature; --", ":* & | ! ( )", "<->"):
        reponse = boite.get(url, {"q": q})
        assert reponse.status_code == 200, q
    assert titres(boite.get(url, {"q": "écluse)&(autre"})) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="index GIN de PostgreSQL")
def test_search_uses_the_full_text_index(db):
    from candidatures.filters import CandidatureFilter

    filtre = CandidatureFilter({"q": "friche ecluse"}, queryset=Candidature.objects.all())
    with connection.cursor() as curseur:
        curseur.execute("SET LOCAL enable_seqscan = off")  # a few rows: force the choice
        plan = filtre.qs.explain()
    assert "cand_recherche_fts_idx" in plan

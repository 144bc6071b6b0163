"""Who reaches which page of a candidature: lists, detail, files, thread, actions.

An agent never sees another service's file, even by guessing its id; the DGALN never sees a
draft; a prestataire sees nothing of a file that is not its atelier's.
"""

import pytest
from django.urls import reverse

from candidatures.models import Message, StatutCandidature
from tests import fichiers
from tests.factories import CandidatureFactory, completer
from tests.outils import texte

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(agent, instructeur):
    cand = completer(
        CandidatureFactory(
            service=agent.organisation, cree_par=agent, statut=StatutCandidature.DEPOSEE
        )
    )
    message = Message.objects.create(
        candidature=cand,
        auteur=instructeur,
        texte="Bonjour",
        fichier=fichiers.pdf("pj.pdf"),
        nom_fichier="pj.pdf",
    )
    ressource = cand.ressources.create(
        titre="PLU", fichier=fichiers.pdf("plu.pdf"), nom_fichier="plu.pdf"
    )
    return cand, message, ressource


def urls(cand, message, ressource):
    piece = cand.pieces.first()
    return {
        "detail": reverse("candidatures:detail", args=[cand.pk]),
        "piece": reverse("candidatures:piece", args=[cand.pk, piece.pk]),
        "ressource": reverse("candidatures:ressource", args=[cand.pk, ressource.pk]),
        "piece_jointe": reverse("candidatures:piece_jointe", args=[cand.pk, message.pk]),
        "rubrique": reverse("candidatures:rubrique", args=[cand.pk, "strategie"]),
        "pieces": reverse("candidatures:rubrique", args=[cand.pk, "pieces"]),
        "deposer": reverse("candidatures:deposer", args=[cand.pk]),
        "action": reverse("candidatures:action", args=[cand.pk, "eligible"]),
    }


@pytest.mark.parametrize("qui", ["agent_ailleurs", "prestataire"])
def test_outsiders_get_404_on_every_page_of_the_file(qui, request, client, dossier):
    client.force_login(request.getfixturevalue(qui))
    for nom, url in urls(*dossier).items():
        assert client.get(url).status_code == 404, nom
    for url in (
        reverse("candidatures:ecrire", args=[dossier[0].pk]),
        reverse("candidatures:annoter", args=[dossier[0].pk]),
        reverse("candidatures:supprimer_piece", args=[dossier[0].pk, dossier[0].pieces.first().pk]),
    ):
        assert client.post(url, {"texte": "intrusion"}).status_code == 404
    assert not Message.objects.filter(texte="intrusion").exists()
    assert dossier[0].pieces.count() == 2


def test_anonymous_visitors_are_sent_to_login(client, dossier):
    for url in urls(*dossier).values():
        reponse = client.get(url)
        assert reponse.status_code == 302 and reponse.url.startswith("/comptes/connexion/")


@pytest.mark.parametrize("qui", ["agent", "collegue", "instructeur"])
def test_the_service_and_the_dgaln_download_the_files_as_attachments(qui, request, client, dossier):
    client.force_login(request.getfixturevalue(qui))
    u = urls(*dossier)
    for nom in ("piece", "ressource", "piece_jointe"):
        reponse = client.get(u[nom])
        assert reponse.status_code == 200, nom
        assert reponse["Content-Disposition"].startswith("attachment;")
        assert b"".join(reponse.streaming_content).startswith(b"%PDF")
    reponse = client.get(u["piece_jointe"])
    reponse.close()
    assert 'filename="pj.pdf"' in reponse["Content-Disposition"]


def test_a_piece_of_one_file_cannot_be_fetched_through_another_file(client, agent, dossier):
    autre = CandidatureFactory(service=agent.organisation, cree_par=agent)
    piece = dossier[0].pieces.first()
    client.force_login(agent)
    url = reverse("candidatures:piece", args=[autre.pk, piece.pk])
    assert client.get(url).status_code == 404


def test_the_dgaln_never_sees_a_draft(client, instructeur, agent):
    brouillon = CandidatureFactory(
        service=agent.organisation,
        cree_par=agent,
        statut=StatutCandidature.BROUILLON,
        titre="Secret",
    )
    client.force_login(instructeur)
    assert client.get(reverse("candidatures:detail", args=[brouillon.pk])).status_code == 404
    assert "Secret" not in texte(client.get(reverse("candidatures:liste")))


def test_lists_show_only_what_each_person_may_see(client, agent, agent_ailleurs, prestataire):
    CandidatureFactory(service=agent.organisation, cree_par=agent, titre="Le nôtre")
    CandidatureFactory(
        service=agent_ailleurs.organisation, cree_par=agent_ailleurs, titre="Le leur"
    )
    client.force_login(agent)
    page = texte(client.get(reverse("candidatures:liste")))
    assert "Le nôtre" in page and "Le leur" not in page
    client.force_login(prestataire)
    page = texte(client.get(reverse("candidatures:liste")))
    assert "Le nôtre" not in page and "Le leur" not in page


def test_deposited_file_is_read_only_for_the_service(client, agent, dossier):
    cand = dossier[0]
    client.force_login(agent)
    reponse = client.post(
        reverse("candidatures:rubrique", args=[cand.pk, "strategie"]),
        {"strategie": "Changée après dépôt"},
        follow=True,
    )
    assert "il n'est plus modifiable" in texte(reponse)
    cand.refresh_from_db()
    assert cand.strategie == "Reconvertir la friche"
    piece = cand.pieces.first()
    client.post(reverse("candidatures:supprimer_piece", args=[cand.pk, piece.pk]))
    assert cand.pieces.filter(pk=piece.pk).exists()


def test_an_agent_cannot_take_the_dgaln_decisions_from_the_page(client, agent, dossier):
    cand = dossier[0]
    client.force_login(agent)
    reponse = client.post(
        reverse("candidatures:action", args=[cand.pk, "eligible"]), {"motif": "Moi-même"}
    )
    assert reponse.status_code == 302
    cand.refresh_from_db()
    assert cand.statut == StatutCandidature.DEPOSEE


def test_internal_notes_stay_inside_the_dgaln(client, agent, instructeur, dossier):
    cand = dossier[0]
    client.force_login(instructeur)
    client.post(reverse("candidatures:annoter", args=[cand.pk]), {"texte": "Élu difficile"})
    assert "Élu difficile" in texte(client.get(reverse("candidatures:detail", args=[cand.pk])))
    client.force_login(agent)
    page = texte(client.get(reverse("candidatures:detail", args=[cand.pk])))
    assert "Élu difficile" not in page and "Note interne" not in page
    client.post(reverse("candidatures:annoter", args=[cand.pk]), {"texte": "Note d'agent"})
    assert not cand.notes_internes.filter(texte="Note d'agent").exists()

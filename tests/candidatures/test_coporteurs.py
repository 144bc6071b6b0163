"""The collectivité writes the file with the service: the rubrics the service hands to it, who
wrote what, its support letter, the thread with it; and everything it may not do."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidatures import transitions
from candidatures.models import (
    Candidature,
    DemandeComplement,
    Message,
    NoteInterne,
    Piece,
    Redaction,
    RubriqueConfiee,
    StatutCandidature,
)
from journal.models import Evenement, enregistrer
from tests.factories import (
    CandidatureFactory,
    CollectiviteFactory,
    PieceFactory,
    ThematiqueFactory,
    UserFactory,
    completer,
    coporteur,
)
from tests.fichiers import pdf
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db

S = StatutCandidature

STRATEGIE = {
    "strategie": "Ouvrir le centre sur le canal",
    "secteur": "Les quais",
    "enjeux": "E",
    "problematiques": "P",
    "objectifs": "O",
}


@pytest.fixture
def agent(db):
    return UserFactory(first_name="Paul", last_name="Agent")


@pytest.fixture
def cand(agent):
    return completer(
        CandidatureFactory(
            service=agent.organisation, cree_par=agent, statut=S.BROUILLON, titre="Péronne"
        )
    )


@pytest.fixture
def membre(cand):
    return coporteur(
        cand,
        UserFactory(
            collectivite=True,
            first_name="Léa",
            last_name="Martin",
            organisation=CollectiviteFactory(commune__nom="Péronne", commune__code="80620"),
        ),
    )


@pytest.fixture
def voisin(agent):
    """A member of another collectivité, co-porteur of another file of the same service."""
    autre = CandidatureFactory(service=agent.organisation, cree_par=agent, statut=S.BROUILLON)
    return coporteur(autre)


def url(nom, cand, *args):
    return reverse(f"candidatures:{nom}", args=[cand.pk, *args])


def page(client, cand):
    return texte_lu(client.get(url("detail", cand)))


def telecharger(client, adresse):
    """The status of a download, its file read to the end, which closes it through the test
    client's wrapper. (``close()`` would end the request again outside that wrapper and, in
    the test's transaction, close the database connection on PostgreSQL.)"""
    reponse = client.get(adresse)
    if reponse.streaming:
        b"".join(reponse.streaming_content)
    return reponse.status_code


def evenements(cand):
    return list(Evenement.objects.pour(cand).values_list("libelle", flat=True))


def confier(client, agent, cand, *codes):
    client.force_login(agent)
    return client.post(url("confier_rubriques", cand), {"rubriques": list(codes)})


# --- The rubrics handed to the collectivité --------------------------------------------------


def test_the_service_hands_a_rubric_and_the_collectivite_completes_it(client, agent, cand, membre):
    reponse = confier(client, agent, cand, "strategie")
    assert reponse.status_code == 302
    assert "Rubriques à compléter par la collectivité : Stratégie et enjeux." in page(client, cand)
    assert "Rubrique « Stratégie et enjeux » confiée à la collectivité" in evenements(cand)
    assert membre.notifications.filter(titre__startswith="Rubriques à compléter").exists()

    client.force_login(membre)
    vue = page(client, cand)
    assert "À compléter par la collectivité" in vue
    assert "Compléter la rubrique « Stratégie et enjeux »" in vue
    assert "Le dossier est déposé par le service" in vue
    assert url("deposer", cand) not in client.get(url("detail", cand)).content.decode()
    theme = ThematiqueFactory(libelle="Mobilités")
    reponse = client.post(url("rubrique", cand, "strategie"), STRATEGIE | {"thematiques": theme.pk})
    assert reponse.status_code == 302
    cand.refresh_from_db()
    assert cand.strategie == "Ouvrir le centre sur le canal"
    assert "Rubrique « Stratégie et enjeux » rédigée par la collectivité" in evenements(cand)

    client.force_login(agent)
    vue = page(client, cand)
    assert "Rédigée par Léa Martin, Commune de Péronne (80620), le" in vue
    assert "Rubrique « Stratégie et enjeux » rédigée par la collectivité" in vue  # timeline


def test_the_collectivite_edits_only_what_is_handed_to_it(client, agent, cand, membre):
    confier(client, agent, cand, "strategie")
    client.force_login(membre)
    avant = Candidature.objects.values().get(pk=cand.pk)
    reponse = client.post(
        url("rubrique", cand, "contacts"), {"ref_collectivite_nom": "Un autre", "periode_debut": ""}
    )
    assert reponse.status_code == 302
    assert "Le service n'a pas confié cette rubrique à la collectivité." in page(client, cand)
    reponse = client.post(url("rubrique", cand, "territoire"), {"titre": "Autre titre"})
    assert "Le territoire du dossier reste rédigé par le service" in page(client, cand)
    assert Candidature.objects.values().get(pk=cand.pk) == avant
    assert not Redaction.objects.exists()


def test_the_service_takes_a_rubric_back(client, agent, cand, membre):
    confier(client, agent, cand, "strategie", "contacts")
    confier(client, agent, cand, "contacts")
    assert list(RubriqueConfiee.objects.values_list("rubrique", flat=True)) == ["contacts"]
    assert "Rubrique « Stratégie et enjeux » reprise par le service" in evenements(cand)
    client.force_login(membre)
    client.post(url("rubrique", cand, "strategie"), STRATEGIE)
    assert "Le service n'a pas confié cette rubrique" in page(client, cand)
    assert Candidature.objects.get(pk=cand.pk).strategie == "Reconvertir la friche"


def test_a_handed_rubric_follows_the_state_rules_of_the_service(client, agent, cand, membre):
    confier(client, agent, cand, "strategie", "contacts")
    Candidature.objects.filter(pk=cand.pk).update(statut=S.EN_INSTRUCTION)
    client.force_login(membre)
    client.post(url("rubrique", cand, "strategie"), STRATEGIE)
    assert "Le dossier est à l'état « En instruction » : il n'est plus modifiable." in page(
        client, cand
    )
    Candidature.objects.filter(pk=cand.pk).update(statut=S.COMPLEMENT_DEMANDE)
    DemandeComplement.objects.create(
        candidature=cand, auteur=UserFactory(instructeur=True), message="M", rubriques=["contacts"]
    )
    client.post(url("rubrique", cand, "strategie"), STRATEGIE)
    assert "Cette rubrique ne fait pas partie du complément demandé" in page(client, cand)
    assert Candidature.objects.get(pk=cand.pk).strategie == "Reconvertir la friche"
    assert client.get(url("rubrique", cand, "contacts")).status_code == 200


def test_only_the_service_hands_rubrics_and_never_the_territory(client, agent, cand, membre):
    client.force_login(membre)
    client.post(url("confier_rubriques", cand), {"rubriques": ["strategie"]})
    assert "Seuls les agents du service qui porte le dossier confient des rubriques." in page(
        client, cand
    )
    confier(client, agent, cand, "territoire")
    assert "Choisissez parmi les rubriques proposées." in page(client, cand)
    assert not RubriqueConfiee.objects.exists()
    assert "confiée" not in " ".join(evenements(cand))


# --- The support letter ---------------------------------------------------------------------


def test_the_collectivite_uploads_its_letter_and_removes_only_its_own(client, agent, cand, membre):
    client.force_login(membre)
    formulaire = texte_lu(client.get(url("rubrique", cand, "pieces")))
    assert "Déposer le courrier de soutien du maire ou du président de l'EPCI" in formulaire
    assert "Le dossier est déposé par le service." in formulaire
    reponse = client.post(
        url("rubrique", cand, "pieces"),
        {"type": Piece.Type.LETTRE_COLLECTIVITE, "fichier": pdf("lettre-du-maire.pdf")},
    )
    assert reponse.status_code == 302
    lettre = Piece.objects.get(nom_fichier="lettre-du-maire.pdf")
    assert lettre.ajoutee_par == membre
    assert "Pièce déposée par la collectivité" in evenements(cand)

    # Another kind of pièce is the service's.
    avant = Piece.objects.count()
    reponse = client.post(
        url("rubrique", cand, "pieces"),
        {"type": Piece.Type.LETTRE_PREFET, "fichier": pdf("prefet.pdf")},
    )
    assert "Sélectionnez un choix valide" in texte_lu(reponse)
    from candidatures import services
    from journal.transitions import TransitionRefusee

    with pytest.raises(TransitionRefusee, match="les autres pièces sont déposées par le service"):
        services.ajouter_piece(membre, cand, Piece.Type.AUTRE, pdf("autre.pdf"))
    assert Piece.objects.count() == avant

    # It removes its own letter, not the service's pièces.
    du_service = cand.pieces.get(type=Piece.Type.LETTRE_PREFET)
    client.post(url("supprimer_piece", cand, du_service.pk))
    assert "La collectivité ne supprime que les pièces qu'elle a déposées." in texte_lu(
        client.get(url("rubrique", cand, "pieces"))
    )
    assert Piece.objects.filter(pk=du_service.pk).exists()
    client.post(url("supprimer_piece", cand, lettre.pk))
    assert not Piece.objects.filter(pk=lettre.pk).exists()
    assert "Pièce supprimée par la collectivité" in evenements(cand)


def test_the_letter_waits_for_the_pieces_to_be_open(client, cand, membre):
    Candidature.objects.filter(pk=cand.pk).update(statut=S.DEPOSEE)
    client.force_login(membre)
    avant = Piece.objects.count()
    client.post(
        url("rubrique", cand, "pieces"),
        {"type": Piece.Type.LETTRE_COLLECTIVITE, "fichier": pdf("lettre.pdf")},
    )
    assert "Le dossier est à l'état « Déposée » : il n'est plus modifiable." in page(client, cand)
    assert Piece.objects.count() == avant


def test_the_collectivite_downloads_the_pieces_of_its_file_and_nobody_else_s(
    client, cand, membre, voisin
):
    client.force_login(membre)
    for piece in cand.pieces.all():
        assert telecharger(client, url("piece", cand, piece.pk)) == 200
    ressource = cand.ressources.create(titre="PLU", fichier=pdf("plu.pdf"), nom_fichier="plu.pdf")
    assert telecharger(client, url("ressource", cand, ressource.pk)) == 200
    client.force_login(voisin)
    assert client.get(url("detail", cand)).status_code == 404
    for piece in cand.pieces.all():
        assert telecharger(client, url("piece", cand, piece.pk)) == 404
    assert telecharger(client, url("ressource", cand, ressource.pk)) == 404


# --- The thread with the collectivité -------------------------------------------------------


def test_the_thread_with_the_collectivite_and_who_is_told(client, agent, cand, membre):
    instructeur = UserFactory(instructeur=True)
    collegue = UserFactory(organisation=agent.organisation)
    client.force_login(membre)
    reponse = client.post(
        url("ecrire_coporteurs", cand),
        {"echange-texte": "Le conseil municipal vote jeudi.", "echange-fichier": pdf("ordre.pdf")},
    )
    assert reponse.status_code == 302
    message = Message.objects.get()
    assert message.fil == Message.Fil.COPORTEURS
    assert {agent, collegue} <= {n.destinataire for n in message_notifications()}
    assert not instructeur.notifications.exists()
    assert "Message de la collectivité" in evenements(cand)
    assert telecharger(client, url("piece_jointe", cand, message.pk)) == 200

    # Once deposited the DGALN reads it and writes to the co-porteurs there.
    Candidature.objects.filter(pk=cand.pk).update(statut=S.DEPOSEE)
    client.force_login(instructeur)
    assert "Le conseil municipal vote jeudi." in page(client, cand)
    client.post(url("ecrire_coporteurs", cand), {"echange-texte": "Merci, la DGALN."})
    assert membre.notifications.filter(titre__startswith="Nouveau message").exists()
    client.force_login(membre)
    client.post(url("ecrire_coporteurs", cand), {"echange-texte": "Bien noté."})
    assert instructeur.notifications.filter(titre__startswith="Nouveau message").exists()
    vue = page(client, cand)
    assert "Échanges avec la collectivité" in vue and "Merci, la DGALN." in vue


def message_notifications():
    from notifications.models import Notification

    return Notification.objects.filter(titre__startswith="Nouveau message")


def test_the_collectivite_never_reads_the_thread_between_service_and_dgaln(
    client, agent, cand, membre
):
    Candidature.objects.filter(pk=cand.pk).update(statut=S.EN_INSTRUCTION)
    prive = Message.objects.create(
        candidature=cand,
        auteur=UserFactory(instructeur=True),
        texte="Entre nous : élu difficile.",
        fichier=pdf("cadrage.pdf"),
        nom_fichier="cadrage.pdf",
    )
    client.force_login(membre)
    vue = page(client, cand)
    assert "Entre nous" not in vue and "cadrage.pdf" not in vue
    assert telecharger(client, url("piece_jointe", cand, prive.pk)) == 404
    client.post(url("ecrire", cand), {"texte": "Je m'invite"})
    assert "Seuls la DGALN et le service qui porte le dossier échangent sur ce fil." in page(
        client, cand
    )
    assert Message.objects.count() == 1
    # Nor the service sees the collectivité's messages in its thread with the DGALN.
    Message.objects.create(
        candidature=cand, auteur=membre, texte="Message du maire", fil=Message.Fil.COPORTEURS
    )
    client.force_login(agent)
    reponse = client.get(url("detail", cand))
    assert [m.texte for m in reponse.context["messages_fil"]] == ["Entre nous : élu difficile."]


def test_another_collectivite_gets_404_on_the_thread_s_attachment(client, cand, membre, voisin):
    message = Message.objects.create(
        candidature=cand,
        auteur=membre,
        texte="Ci-joint",
        fichier=pdf("plan.pdf"),
        nom_fichier="plan.pdf",
        fil=Message.Fil.COPORTEURS,
    )
    client.force_login(voisin)
    assert telecharger(client, url("piece_jointe", cand, message.pk)) == 404
    assert client.post(url("ecrire_coporteurs", cand), {"echange-texte": "x"}).status_code == 404
    assert Message.objects.count() == 1


def test_the_thread_closes_with_the_file(client, agent, cand, membre):
    client.force_login(agent)
    for statut, raison in (
        (S.ATTRIBUEE, "L'atelier est attribué : les échanges se poursuivent sur la page"),
        (S.SANS_SUITE, "Classée sans suite » : ses échanges sont clos."),
    ):
        Candidature.objects.filter(pk=cand.pk).update(statut=statut)
        client.post(url("ecrire_coporteurs", cand), {"echange-texte": "Encore un mot"})
        assert raison in page(client, cand)
    assert not Message.objects.exists()


def test_without_a_coporteur_the_thread_waits_for_the_invitation(client, agent, cand):
    client.force_login(agent)
    client.post(url("ecrire_coporteurs", cand), {"echange-texte": "Bonjour"})
    assert "Aucune collectivité n'est encore co-porteuse du dossier" in page(client, cand)
    assert not Message.objects.exists()


# --- What the collectivité may not do -------------------------------------------------------


def test_the_collectivite_cannot_deposit(client, cand, membre):
    client.force_login(membre)
    avant = evenements(cand)
    reponse = client.get(url("deposer", cand))
    assert reponse.status_code == 302
    reponse = client.post(url("deposer", cand))
    assert reponse.status_code == 302
    assert "Seuls les agents du service qui porte le dossier peuvent le déposer." in page(
        client, cand
    )
    assert Candidature.objects.get(pk=cand.pk).statut == S.BROUILLON
    assert evenements(cand) == avant and not cand.depots.exists()
    with pytest.raises(transitions.TransitionRefusee):
        transitions.deposer(membre, cand)


def test_the_collectivite_reads_no_internal_note_nor_internal_event(client, cand, membre):
    Candidature.objects.filter(pk=cand.pk).update(statut=S.EN_INSTRUCTION)
    instructeur = UserFactory(instructeur=True)
    NoteInterne.objects.create(candidature=cand, auteur=instructeur, texte="Maire hésitant")
    enregistrer(cand, instructeur, "attribution_instructeur", "Confié à Ada", interne=True)
    client.force_login(membre)
    vue = page(client, cand)
    assert "Maire hésitant" not in vue and "Notes internes" not in vue
    assert "Confié à Ada" not in vue
    client.post(url("annoter", cand), {"texte": "Ma note"})
    assert "Les notes internes sont réservées à la DGALN." in page(client, cand)
    assert NoteInterne.objects.count() == 1


def test_the_collectivite_s_list_shows_its_files_only(client, agent, cand, membre, voisin):
    client.force_login(membre)
    reponse = client.get(reverse("candidatures:liste"))
    assert [c.pk for c in reponse.context["page"].object_list] == [cand.pk]
    assert "Déclarer une intention" not in texte_lu(reponse)
    # No filter names the services or the DGALN's reviewers; one typed in lets nothing through.
    assert not {"service", "region", "departement", "instructeur"} & set(
        reponse.context["filtre"].form.fields
    )
    reponse = client.get(reverse("candidatures:liste"), {"service": agent.organisation_id})
    assert [c.pk for c in reponse.context["page"].object_list] == [cand.pk]


def test_the_collectivite_s_list_and_page_keep_their_query_budget(client, agent, membre):
    def dossiers(n):
        for _ in range(n):
            coporteur(
                completer(CandidatureFactory(service=agent.organisation, cree_par=agent)), membre
            )

    def requetes(adresse):
        client.get(adresse)
        with CaptureQueriesContext(connection) as capture:
            assert client.get(adresse).status_code == 200
        return len(capture)

    client.force_login(membre)
    dossiers(3)
    liste = reverse("candidatures:liste")
    peu = requetes(liste)
    dossiers(30)
    assert requetes(liste) == peu

    cand = Candidature.objects.first()
    Message.objects.create(candidature=cand, auteur=membre, texte="Un", fil=Message.Fil.COPORTEURS)
    Redaction.objects.create(candidature=cand, rubrique="strategie", auteur=membre)
    fiche = url("detail", cand)
    peu = requetes(fiche)
    for i in range(10):
        Message.objects.create(
            candidature=cand,
            auteur=UserFactory(organisation=agent.organisation),
            texte=f"{i}",
            fil=Message.Fil.COPORTEURS,
        )
        Redaction.objects.create(candidature=cand, rubrique="contacts", auteur=agent)
        PieceFactory(candidature=cand, ajoutee_par=agent)
    assert requetes(fiche) <= peu + 1  # the second rubric's author's organisation at most

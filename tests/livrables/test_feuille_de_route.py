"""The feuille de route as data (axes, key actions), read and filtered on screen, exported in
CSV; the fiche synthétique as data with its identity card and a few images."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ateliers.models import Phase
from journal.transitions import TransitionRefusee
from livrables import services
from livrables.models import FicheSynthetique, Priorite
from referentiels.models import Thematique
from tests.fichiers import pdf, png
from tests.outils import texte_lu

pytestmark = pytest.mark.django_db


@pytest.fixture
def feuille(titulaire_user, atelier, referentiel):
    mobilites = Thematique.objects.get(libelle="Mobilités")
    logement = Thematique.objects.get(libelle="Offre de logements")
    relier = services.enregistrer_axe(titulaire_user, atelier, titre="Relier le centre et la gare")
    habiter = services.enregistrer_axe(titulaire_user, atelier, titre="Habiter le centre")
    for axe, intitule, theme, priorite, porteur, cout in (
        (relier, "Promenade le long du canal", mobilites, Priorite.MOYEN, "Commune", "350000"),
        (
            relier,
            "Zone de rencontre avenue de la gare",
            mobilites,
            Priorite.COURT,
            "Commune",
            "120000.5",
        ),
        (
            habiter,
            "OPAH-RU du centre ancien",
            logement,
            Priorite.COURT,
            "Communauté de communes",
            None,
        ),
    ):
        services.enregistrer_action(
            titulaire_user,
            axe,
            intitule=intitule,
            thematique=theme,
            priorite=priorite,
            porteur=porteur,
            cout_estime=Decimal(cout) if cout else None,
        )
    return atelier


def test_axes_keep_their_order_and_actions(feuille):
    axes = list(feuille.axes.all())
    assert [a.titre for a in axes] == ["Relier le centre et la gare", "Habiter le centre"]
    assert [a.intitule for a in axes[0].actions.all()] == [
        "Promenade le long du canal",
        "Zone de rencontre avenue de la gare",
    ]


def test_action_needs_theme_priority_and_lead(titulaire_user, feuille):
    axe = feuille.axes.first()
    with pytest.raises(ValidationError) as erreur:
        services.enregistrer_action(titulaire_user, axe, intitule="Sans porteur", priorite="x")
    assert {"thematique", "priorite", "porteur"} <= set(erreur.value.message_dict)
    assert axe.actions.count() == 2


def test_only_the_titulaire_writes_the_feuille_de_route(agent, instructeur, feuille):
    for personne in (agent, instructeur):
        with pytest.raises(TransitionRefusee, match="Le titulaire rédige"):
            services.enregistrer_axe(personne, feuille, titre="Un axe de plus")


def test_service_reads_and_filters_the_feuille_de_route(client, agent, feuille):
    client.force_login(agent)
    url = reverse("livrables:feuille_de_route", args=[feuille.pk])
    page = texte_lu(client.get(url))
    assert "3 actions clés — coût estimé : 470 000,50 € HT" in page
    assert "Axe 2 — Habiter le centre" in page
    filtre = texte_lu(client.get(url, {"priorite": "court"}))
    assert "2 actions clés retenues par les filtres" in filtre
    assert "Promenade le long du canal" not in filtre
    par_porteur = texte_lu(client.get(url, {"porteur": "communauté"}))
    assert "1 action clé retenue par les filtres" in par_porteur
    assert "OPAH-RU du centre ancien" in par_porteur


def test_csv_export_in_french_with_the_screen_filters(client, instructeur, feuille):
    client.force_login(instructeur)
    url = reverse("livrables:feuille_de_route_csv", args=[feuille.pk])
    reponse = client.get(url, {"thematique": Thematique.objects.get(libelle="Mobilités").pk})
    assert reponse["Content-Type"].startswith("text/csv")
    assert reponse["Content-Disposition"].startswith("attachment")
    contenu = reponse.content.decode("utf-8")
    assert contenu.startswith("\ufeff")  # spreadsheets then read the accents right
    lignes = list(csv.reader(io.StringIO(contenu.lstrip("\ufeff")), delimiter=";"))
    assert lignes[0] == [
        "Axe",
        "Action",
        "Description",
        "Thématique",
        "Famille",
        "Priorité",
        "Porteur",
        "Coût estimé (€ HT)",
    ]
    assert [ligne[1] for ligne in lignes[1:]] == [
        "Promenade le long du canal",
        "Zone de rencontre avenue de la gare",
    ]
    assert lignes[2][5] == "Court terme (moins d'un an)"
    assert lignes[2][7] == "120000,50"


def test_fiche_starts_from_the_file_and_is_written_by_the_titulaire(
    client, titulaire_user, agent, atelier
):
    initiale = services.fiche_de(atelier)
    assert initiale.pk is None
    assert initiale.territoire == atelier.candidature.territoire()
    with pytest.raises(TransitionRefusee):
        services.enregistrer_fiche(agent, atelier, contexte="Réécrit par le service")
    services.enregistrer_fiche(
        titulaire_user,
        atelier,
        annee=2026,
        territoire="Péronne (Somme)",
        maitrise_ouvrage="DDT 80, commune de Péronne",
        productions="Une OAP et un cahier des charges.",
    )
    client.force_login(agent)
    page = texte_lu(client.get(reverse("livrables:fiche", args=[atelier.pk])))
    for attendu in (
        "Format d'atelier Atelier Flash",
        "Année 2026",
        "Territoire bénéficiaire Péronne (Somme)",
        "Maîtrise d'ouvrage DDT 80, commune de Péronne",
        f"AMO (titulaire) {atelier.titulaire.nom}",
        "Une OAP et un cahier des charges.",
    ):
        assert attendu in page


def test_fiche_takes_a_few_images_with_a_caption(titulaire_user, atelier, settings):
    with pytest.raises(TransitionRefusee, match="légende"):
        services.ajouter_image(titulaire_user, atelier, png(), "")
    for n in range(FicheSynthetique.IMAGES_MAX):
        services.ajouter_image(titulaire_user, atelier, png(f"vue{n}.png"), f"Vue {n}")
    with pytest.raises(TransitionRefusee, match="déjà 4 images"):
        services.ajouter_image(titulaire_user, atelier, png(), "Une de trop")
    with pytest.raises(ValidationError, match="Format non accepté"):
        services.ajouter_image(titulaire_user, atelier, pdf(), "Un PDF")


def test_nothing_is_written_once_the_atelier_is_closed(titulaire_user, feuille):
    feuille.phase = Phase.CLOTURE
    feuille.save()
    with pytest.raises(TransitionRefusee, match="clôturé"):
        services.enregistrer_axe(titulaire_user, feuille, titre="Trop tard")

"""Every groupement of the demo can be followed from its own account: an atelier the
tourniquet attributes to any of them has a prestataire who logs in and finds it."""

from django.urls import reverse

from ateliers.models import Atelier
from comptes.models import Role, User
from demo.donnees import MOT_DE_PASSE_DEMO
from marches.models import Titulaire


def test_every_groupement_has_a_prestataire_who_logs_in_and_sees_its_ateliers(demo, client):
    titulaires = Titulaire.objects.filter(accord_cadre__reference__in=["AC-AF-2021", "AC-AF-2025"])
    assert titulaires.count() == 6
    suivis = set()
    for titulaire in titulaires:
        compte = User.objects.filter(
            role=Role.PRESTATAIRE,
            is_active=True,
            organisation__in=titulaire.membres.values("organisation"),
        ).first()
        assert compte is not None, f"{titulaire} ({titulaire.accord_cadre}) sans compte"

        client.logout()
        connexion = client.post(
            reverse("login"), {"username": compte.email, "password": MOT_DE_PASSE_DEMO}
        )
        assert connexion.status_code == 302, compte.email
        assert connexion["Location"] == reverse("tableau_de_bord")
        liste = client.get(reverse("ateliers:liste"))
        assert liste.status_code == 200
        for atelier in Atelier.objects.filter(titulaire=titulaire, historique=False):
            assert atelier.candidature.titre in liste.content.decode(), (compte.email, atelier)
            suivis.add(atelier.candidature.titre)
    # Ham (Ville Ouverte), Vitré (Atelier de l'Ourcq) and Corbie (POLAU) at least.
    assert any("Corbie" in titre for titre in suivis) and len(suivis) >= 3, suivis

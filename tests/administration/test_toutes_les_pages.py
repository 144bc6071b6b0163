"""Every page of the Django admin answers for the DGALN's administrator, on the demo: each
registered model's list, its add form where adding is allowed, and the change page of one
of its records (a test generated from the admin's registry)."""

import re

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from comptes.models import User
from tests.outils import texte_lu

# Evidence, and what the portal's workflows create: never added by hand.
CREES_PAR_LE_PORTAIL = {
    "journal.Evenement",
    "marches.TourDeTourniquet",
    "marches.DecisionTourniquet",
    "ateliers.Atelier",
    "commandes.BonDeCommande",
    "commandes.Facture",
    "livrables.Livrable",
    "bilans.Bilan",
    "bilans.Suite",
    "bilans.DemandeDeSuites",
    "documents.Document",
    "exports.Export",
    "comptes.Invitation",
    # Login attempts, recorded by django-axes.
    "axes.AccessAttempt",
    "axes.AccessLog",
    "axes.AccessFailureLog",
}

# Words the admin used to show instead of French ones (field names without a label).
MOTS_NON_FRANCAIS = re.compile(
    r"Content type|Object id|\bDepartement\b|\bRegion\b|\bEtat\b|Ajoutee|Accord cadre"
    r"|\w+ object \(\d+\)|(?:Ajout|Modification|Affichage) de [aeéèiouh]"
    # django-axes and django-otp's TOTP plugin, whose labels are English or half-translated.
    r"|› Axes\b|Administration d’Axes|Otp_Totp|TOTP devices?|Locked Out|User Agent|HTTP Accept"
    r"|\b[Aa]ttempt(?:s|ed)?\b|\bStatus\b|Access (?:attempt|Log|lock)|Failed access|Clean up"
    r"|(?i:created at|last used at)|\bConfirmed\b|\bIdentity\b|\bTimestamps\b|\bThrottling\b"
    r"|\bdevice\b|Search by|QR Code|\bqrcode\b"
)

MODELES = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.fixture
def administrateur(demo, client):
    """The demo's administrator, with one record of each kind the demo does not hold: a
    wrong password (django-axes' attempt, and a failure as its optional log keeps them), a
    second factor, an export."""
    from axes.models import AccessFailureLog
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from exports.models import Export

    client.post(
        reverse("login"),
        {"username": "agent.ddtm80@demo.gouv.fr", "password": "pas-le-bon"},
        REMOTE_ADDR="192.0.2.7",
    )
    AccessFailureLog.objects.create(
        username="agent.ddtm80@demo.gouv.fr",
        ip_address="192.0.2.7",
        user_agent="Firefox",
        path_info="/comptes/connexion/",
        locked_out=False,
    )
    personne = User.objects.get(email="admin@demo.gouv.fr")
    TOTPDevice.objects.create(user=personne, name="Application d'authentification")
    Export.objects.create(
        demandeur=personne,
        liste="candidatures",
        titre="Candidatures",
        format="csv",
        nom_fichier="candidatures.csv",
    )
    client.force_login(personne)
    return personne


def _requete(personne):
    requete = RequestFactory().get("/admin/")
    requete.user = personne
    return requete


@pytest.mark.parametrize(
    ("modele", "modele_admin"), MODELES, ids=[m._meta.label for m, _ in MODELES]
)
def test_every_admin_page_answers(client, administrateur, modele, modele_admin):
    info = modele._meta.app_label, modele._meta.model_name
    liste = client.get(reverse("admin:{}_{}_changelist".format(*info)))
    if not modele_admin.has_view_or_change_permission(_requete(administrateur)):
        # Not the administrator's (Django's own groups): refused, and not offered.
        assert liste.status_code == 403
        assert liste.wsgi_request.path not in client.get(reverse("admin:index")).content.decode()
        return
    assert liste.status_code == 200, liste.status_code
    assert not MOTS_NON_FRANCAIS.findall(texte_lu(liste))

    ajout = client.get(reverse("admin:{}_{}_add".format(*info)))
    assert not MOTS_NON_FRANCAIS.findall(texte_lu(ajout))
    assert ajout.status_code == (403 if modele._meta.label in CREES_PAR_LE_PORTAIL else 200)

    objet = modele._default_manager.order_by("pk").last()
    assert objet is not None, f"aucun {modele._meta.verbose_name} à ouvrir"
    fiche = client.get(reverse("admin:{}_{}_change".format(*info), args=[objet.pk]))
    assert fiche.status_code == 200, fiche.status_code
    assert not MOTS_NON_FRANCAIS.findall(texte_lu(fiche))

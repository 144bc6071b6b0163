"""The bon de commande as a PDF: every element R2162-13 and Chorus Pro ask for."""

from django.db.models import Case, Value, When
from django.urls import reverse

from documents.genres import Genre, enregistrer
from journal.models import Evenement
from marches.models import MembreGroupement
from socle.formats import date_longue, euros

from .models import BonDeCommande, StatutBon
from .workflow import PDF, Action


def donnees(bon):
    atelier = bon.atelier
    accord = atelier.accord_cadre
    candidature = atelier.candidature
    membres = [
        {
            "nom": m.organisation.nom,
            "role": m.get_role_display(),
            "specialite": m.specialite,
            "siret": m.organisation.siret,
        }
        for m in MembreGroupement.objects.filter(titulaire=atelier.titulaire)
        .select_related("organisation")
        .order_by(
            Case(When(role=MembreGroupement.Role.MANDATAIRE, then=Value(0)), default=Value(1)),
            "organisation__nom",
        )
    ]
    emission = (
        Evenement.objects.pour(bon).filter(action=Action.EMISSION).order_by("-date", "-id").first()
    )
    signataire = emission.acteur if emission and emission.acteur else None
    service = atelier.service_pilote
    return {
        "numero": bon.numero,
        "ordre": bon.ordre,
        "projet": bon.statut == StatutBon.BROUILLON,
        "annule": bon.statut == StatutBon.ANNULE,
        "statut": bon.get_statut_display(),
        "objet": bon.objet,
        "montant_ht": euros(bon.montant_ht),
        "taux_tva": f"{bon.taux_tva:.2f}".rstrip("0").rstrip(".").replace(".", ","),
        "montant_tva": euros(bon.montant_tva),
        "montant_ttc": euros(bon.montant_ttc),
        "engagement_juridique": bon.engagement_juridique,
        "code_service": bon.code_service,
        "date_emission": date_longue(bon.date_emission),
        "date_notification": date_longue(bon.date_notification),
        "date_service_fait": date_longue(bon.date_service_fait),
        "motif_annulation": bon.motif_annulation,
        "accord_cadre": {
            "reference": accord.reference,
            "intitule": accord.intitule,
            "debut": date_longue(accord.date_debut),
            "fin": date_longue(accord.date_fin),
        },
        "titulaire": {"nom": atelier.titulaire.nom, "membres": membres},
        "atelier": {
            "titre": candidature.titre,
            "reference": candidature.reference,
            "territoire": candidature.territoire(),
        },
        "service": {"nom": service.nom, "email": service.email, "siret": service.siret},
        "signataire": {
            "nom": signataire.get_full_name() if signataire else "",
            "fonction": signataire.fonction if signataire else "",
        },
    }


def visible(user, bon):
    return BonDeCommande.objects.visible_to(user).filter(pk=bon.pk).exists()


BON_DE_COMMANDE = enregistrer(
    Genre(
        code=PDF,
        libelle="Bon de commande",
        modele=BonDeCommande,
        gabarit="documents/pdf/bon_de_commande.html",
        donnees=donnees,
        visible=visible,
        nom_fichier=lambda bon: f"bon-de-commande-{bon.numero}.pdf",
        titre=lambda bon: f"Bon de commande {bon.numero}",
        lien=lambda bon: reverse("commandes:detail", args=[bon.pk]),
    )
)

"""The bon de commande as a PDF: every element R2162-13 and Chorus Pro ask for — what is
ordered (quantity, unit, unit price), the titulaire (its mandataire's SIRET and address, every
member's SIRET), the period of execution, the amounts, the Chorus references, and the
signature of the service's representative of the pouvoir adjudicateur; once invoiced, a short
table of its invoices (remade at each step of an invoice, ``workflow_factures``)."""

from django.db.models import Case, Value, When
from django.urls import reverse

from documents.genres import Genre, enregistrer
from marches.models import MembreGroupement
from socle.formats import date_longue, euros

from .models import BonDeCommande, StatutBon
from .workflow import PDF


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
            "adresse": m.organisation.adresse,
            "mandataire": m.role == MembreGroupement.Role.MANDATAIRE,
        }
        for m in MembreGroupement.objects.filter(titulaire=atelier.titulaire)
        .select_related("organisation")
        .order_by(
            Case(When(role=MembreGroupement.Role.MANDATAIRE, then=Value(0)), default=Value(1)),
            "organisation__nom",
        )
    ]
    service = atelier.service_pilote
    factures = [
        {
            "numero": f.numero,
            "nature": f.get_nature_display(),
            "recue_le": f"{f.recue_le:%d/%m/%Y}",
            "montant_ttc": euros(f.montant_ttc),
            "statut": f.get_statut_display(),
            "mise_en_paiement_le": (
                f"{f.mise_en_paiement_le:%d/%m/%Y}" if f.mise_en_paiement_le else ""
            ),
        }
        for f in bon.factures.order_by("recue_le", "pk")
    ]
    return {
        "numero": bon.numero,
        "ordre": bon.ordre,
        "projet": bon.statut == StatutBon.BROUILLON,
        "annule": bon.statut == StatutBon.ANNULE,
        "statut": bon.get_statut_display(),
        "objet": bon.objet,
        "quantite": bon.quantite,
        "unite": bon.get_unite_display() + ("s" if bon.quantite > 1 else ""),
        "prix_unitaire_ht": euros(bon.prix_unitaire_ht),
        "fin_execution": date_longue(bon.fin_execution),
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
        "factures": factures,
        "accord_cadre": {
            "reference": accord.reference,
            "intitule": accord.intitule,
            "debut": date_longue(accord.date_debut),
            "fin": date_longue(accord.date_fin),
        },
        "titulaire": {
            "nom": atelier.titulaire.nom,
            "membres": membres,
            "mandataire": next((m for m in membres if m["mandataire"]), None),
        },
        "atelier": {
            "titre": candidature.titre,
            "reference": candidature.reference,
            "territoire": candidature.territoire(),
        },
        "service": {
            "nom": service.nom,
            "email": service.email,
            "siret": service.siret,
            "adresse": service.adresse,
        },
        # The service's representative of the pouvoir adjudicateur (an admin setting of the
        # service), never the agent who pressed « Émettre ».
        "signataire": {
            "nom": service.signataire_nom,
            "qualite": service.qualite_du_signataire,
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

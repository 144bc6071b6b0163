"""Every change of an invoice: one function per transition of ``workflow_factures.FACTURE``.

Each takes the acting user first; a refusal raises ``TransitionRefusee`` in French and keeps
nothing. Recording locks the bon's row, so that two invoices recorded at once can never pass
the bon's amount together.
"""

from decimal import Decimal, InvalidOperation

from django.db import transaction

from ateliers.destinataires import equipe_du_titulaire
from candidatures.transitions import agents_du_service
from journal.transitions import TransitionRefusee, date_effective, exiger
from socle.fichiers import PDF, nom_original, valider_fichier
from socle.formats import date_longue, euros

from . import paiement
from .modeles_factures import Facture, NatureFacture, StatutFacture
from .models import CENTIME, BonDeCommande, StatutBon
from .workflow_factures import FACTURE, SERVICE, ActionFacture

__all__ = ["TransitionRefusee", "accepter", "enregistrer", "mettre_en_paiement", "rejeter"]

FACTURABLES = (StatutBon.NOTIFIE, StatutBon.EXECUTE)


def _montant(valeur, quoi, minimum):
    try:
        montant = Decimal(valeur)
    except (InvalidOperation, TypeError, ValueError):
        raise TransitionRefusee(f"Le {quoi} doit être un nombre.") from None
    if montant < minimum:
        raise TransitionRefusee(
            f"Le {quoi} doit être positif." if minimum else f"Le {quoi} ne peut être négatif."
        )
    if montant != montant.quantize(CENTIME):
        raise TransitionRefusee(f"Le {quoi} s'exprime au centime près.")
    return montant


def rectifiables(bon):
    """The rejected invoices of ``bon`` that no invoice replaces yet."""
    return bon.factures.filter(statut=StatutFacture.REJETEE, remplacee_par__isnull=True)


@transaction.atomic
def enregistrer(
    acteur,
    bon,
    *,
    nature,
    numero,
    reference_chorus,
    recue_le,
    montant_ht,
    montant_tva,
    fichier,
    remplace=None,
):
    """Record the titulaire's invoice against a bon notified to it; its amounts added to those
    of the bon's other invoices (rejected ones aside) never pass the bon's TTC."""
    bon = (
        BonDeCommande.objects.select_for_update()
        .select_related("atelier__titulaire", "atelier__candidature")
        .get(pk=bon.pk)
    )
    facture = Facture(bon=bon, enregistree_par=acteur)
    exiger(FACTURE.decision(acteur, facture, ActionFacture.ENREGISTREMENT))
    if bon.statut not in FACTURABLES:
        raise TransitionRefusee(
            f"Le bon {bon.numero} est à l'état « {bon.get_statut_display()} » : une facture "
            "s'enregistre une fois le bon notifié au titulaire."
        )
    if nature not in NatureFacture.values:
        raise TransitionRefusee("Indiquez s'il s'agit d'un acompte ou du solde.")
    numero, reference_chorus = (numero or "").strip(), (reference_chorus or "").strip()
    if not numero:
        raise TransitionRefusee("Indiquez le numéro de la facture.")
    if not reference_chorus:
        raise TransitionRefusee("Indiquez la référence de la facture dans Chorus Pro.")
    en_cours = bon.factures.en_cours()
    if en_cours.filter(numero__iexact=numero).exists():
        raise TransitionRefusee(f"La facture n° {numero} est déjà enregistrée sur ce bon.")
    if nature == NatureFacture.SOLDE and en_cours.filter(nature=NatureFacture.SOLDE).exists():
        raise TransitionRefusee("Le solde de ce bon est déjà enregistré.")
    recue_le = date_effective(
        recue_le, "de réception dans Chorus Pro", bon.date_notification, "la notification du bon"
    )
    ht = _montant(montant_ht, "montant HT", CENTIME)
    tva = _montant(montant_tva, "montant de TVA", Decimal("0"))
    attendue = (ht * bon.taux_tva / 100).quantize(CENTIME)
    if abs(tva - attendue) > CENTIME:
        raise TransitionRefusee(
            f"Au taux du bon ({bon.taux_tva.normalize():f} %), la TVA de {euros(ht)} HT est de "
            f"{euros(attendue)}, non de {euros(tva)} : vérifiez les montants de la facture."
        )
    deja = en_cours.total_ttc()
    if deja + ht + tva > bon.montant_ttc:
        raise TransitionRefusee(
            f"Avec cette facture, les factures du bon {bon.numero} atteindraient "
            f"{euros(deja + ht + tva)} TTC, au-delà du montant du bon ({euros(bon.montant_ttc)} "
            f"TTC) : il reste {euros(bon.montant_ttc - deja)} TTC à facturer."
        )
    if remplace is not None:
        remplace = rectifiables(bon).filter(pk=remplace.pk).first()
        if remplace is None:
            raise TransitionRefusee(
                "La facture remplacée doit être une facture rejetée de ce bon, pas encore "
                "remplacée."
            )
        facture.remplace = remplace
        facture.jours_deja_courus = paiement.jours_courus_avant_rejet(remplace, remplace.rejetee_le)
    valider_fichier(fichier, formats=(PDF,))
    facture.nature, facture.numero, facture.reference_chorus = nature, numero, reference_chorus
    facture.recue_le, facture.montant_ht, facture.montant_tva = recue_le, ht, tva
    facture.fichier, facture.nom_fichier, facture.taille = (
        fichier,
        nom_original(fichier),
        fichier.size,
    )
    facture.save()
    with FACTURE.naissance(ActionFacture.ENREGISTREMENT, acteur, facture) as p:
        p.document_de = bon  # its PDF lists the invoices
        p.libelle = (
            f"Facture {numero} enregistrée ({facture.get_nature_display().lower()}, "
            f"{euros(facture.montant_ttc)} TTC, reçue le {recue_le:%d/%m/%Y})"
        )
        if remplace is not None:
            p.libelle += f", en remplacement de la facture {remplace.numero} rejetée"
        if SERVICE.est(acteur, facture):
            destinataires = equipe_du_titulaire(bon.atelier.titulaire)
            texte = f"{bon.atelier.service_pilote} a enregistré votre facture {numero}."
        else:
            destinataires = agents_du_service(bon.atelier.candidature)
            texte = (
                f"{bon.atelier.titulaire} a enregistré sa facture {numero} sur le bon "
                f"{bon.numero} : acceptez-la ou rejetez-la, le délai de paiement court."
            )
        p.notifier(destinataires, f"Facture {numero} — bon {bon.numero}", texte)
    return facture


def _prevenir_le_titulaire(p, titre, texte):
    p.notifier(equipe_du_titulaire(p.objet.bon.atelier.titulaire), titre, texte)


def accepter(acteur, facture, date=None):
    with FACTURE.passage(ActionFacture.ACCEPTATION, acteur, facture) as p:
        f = p.objet
        p.document_de = f.bon  # its PDF lists the invoices
        f.acceptee_le = date_effective(date, "d'acceptation", f.recue_le, "la réception")
        p.champs.append("acceptee_le")
        fin = paiement.echeance(f)
        suite = f" Elle sera payée au plus tard le {date_longue(fin)}." if fin else ""
        _prevenir_le_titulaire(
            p, f"Facture {f.numero} acceptée", f"Votre facture {f.numero} est acceptée.{suite}"
        )
    return p.objet


def rejeter(acteur, facture, motif, date=None):
    with FACTURE.passage(ActionFacture.REJET, acteur, facture, motif) as p:
        f = p.objet
        p.document_de = f.bon  # its PDF lists the invoices
        if not p.commentaire:
            raise TransitionRefusee("Indiquez le motif du rejet : le titulaire doit le corriger.")
        f.rejetee_le = date_effective(date, "du rejet", f.recue_le, "la réception")
        f.motif_rejet = p.commentaire
        p.champs += ["rejetee_le", "motif_rejet"]
        _prevenir_le_titulaire(
            p,
            f"Facture {f.numero} rejetée",
            f"Votre facture {f.numero} est rejetée : le délai de paiement est suspendu jusqu'à "
            f"votre facture rectificative.\n\nMotif :\n{p.commentaire}",
        )
    return p.objet


def mettre_en_paiement(acteur, facture, date=None):
    with FACTURE.passage(ActionFacture.MISE_EN_PAIEMENT, acteur, facture) as p:
        f = p.objet
        p.document_de = f.bon  # its PDF lists the invoices
        f.mise_en_paiement_le = date_effective(
            date, "de mise en paiement", f.acceptee_le, "l'acceptation"
        )
        p.champs.append("mise_en_paiement_le")
        f.statut = StatutFacture.PAYEE  # the computation reads the state it is entering
        en_retard = paiement.retard(f)
        texte = (
            f"Votre facture {f.numero} est mise en paiement le "
            f"{date_longue(f.mise_en_paiement_le)}."
        )
        if en_retard:
            p.libelle = (
                f"Facture mise en paiement {en_retard.jours} jours après l'échéance du "
                f"{en_retard.echeance:%d/%m/%Y}"
            )
            du = (
                f"des intérêts moratoires de {euros(en_retard.interets)}"
                if en_retard.interets is not None
                else "des intérêts moratoires (taux de la BCE du semestre à renseigner)"
            )
            texte += (
                f" Elle l'est {en_retard.jours} jours après l'échéance : l'État vous doit {du} "
                f"et l'indemnité forfaitaire de {euros(en_retard.indemnite)}."
            )
        _prevenir_le_titulaire(p, f"Facture {f.numero} mise en paiement", texte)
    return p.objet

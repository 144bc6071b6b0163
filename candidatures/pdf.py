"""The candidature's documents: the deposit receipt (récapitulatif) and the decision letter.

The récapitulatif is produced at each deposit from what the file held at that moment (the
deposit's snapshot), so that the services keep it as proof; the decision letter when the
DGALN declares the file eligible or not.
"""

from django.urls import reverse
from django.utils import timezone

from documents.genres import Genre, enregistrer
from journal.models import Evenement
from socle.formats import date_heure_longue, date_longue

from . import permissions
from .fiche import entrees_instantane
from .models import Candidature, Depot, StatutCandidature
from .workflow import CANDIDATURE, Action

# The decisions this document records: the rows of the table that produce it.
DECISIONS = {t.code: t.vers for t in CANDIDATURE if t.document == "decision_eligibilite"}


def _porteurs(cand):
    return {
        "collectivite": {
            "nom": cand.ref_collectivite_nom,
            "fonction": cand.ref_collectivite_fonction,
            "territoire": cand.territoire(),
        },
        "service": {"nom": str(cand.service), "referent": cand.ref_service_nom},
    }


def _personne(user):
    if user is None:
        return {"nom": "", "fonction": "", "organisation": ""}
    return {
        "nom": user.get_full_name() or user.email,
        "fonction": user.fonction,
        "organisation": str(user.organisation) if user.organisation_id else "",
    }


def _visible_service_et_dgaln(user, cand):
    """The service's and the DGALN's papers: not the titulaire's, who sees the fiche only."""
    return permissions.est_du_service(user, cand) or (
        permissions.est_dgaln(user) and cand.statut != StatutCandidature.BROUILLON
    )


def donnees_recapitulatif(depot):
    cand = depot.candidature
    instantane = depot.instantane
    ordre = entrees_instantane()
    ordre += sorted(set(instantane) - set(ordre))
    return {
        "numero": depot.numero,
        "date": date_heure_longue(depot.date),
        "deposant": _personne(depot.auteur),
        "reference": cand.reference,
        "titre": cand.titre,
        "annee": str(cand.annee),
        "service": str(cand.service),
        "rang": cand.depots.filter(date__lte=depot.date, pk__lte=depot.pk).count(),
        # A list keeps the fiche's order (a JSON object in the database may not).
        "fiche": [
            [libelle, instantane.get(libelle, "")] for libelle in ordre if libelle in instantane
        ],
    }


RECAPITULATIF = enregistrer(
    Genre(
        code="recapitulatif_candidature",
        libelle="Récapitulatif du dépôt",
        modele=Depot,
        gabarit="documents/pdf/recapitulatif_candidature.html",
        donnees=donnees_recapitulatif,
        visible=lambda user, depot: _visible_service_et_dgaln(user, depot.candidature),
        nom_fichier=lambda depot: f"recepisse-{depot.numero}.pdf",
        titre=lambda depot: f"Récépissé de dépôt {depot.numero}",
        lien=lambda depot: reverse("candidatures:detail", args=[depot.candidature_id]),
    )
)


def _evenement_decision(cand):
    return (
        Evenement.objects.pour(cand)
        .filter(action__in=DECISIONS)
        .order_by("-date", "-id")
        .select_related("acteur__organisation")
        .first()
    )


def donnees_decision(cand):
    evenement = _evenement_decision(cand)
    if evenement is None:
        raise ValueError("Ce dossier n'a pas encore fait l'objet d'une décision d'éligibilité.")
    depot = cand.depots.order_by("-date", "-id").first()
    return {
        "reference": cand.reference,
        "titre": cand.titre,
        "eligible": evenement.action == Action.ELIGIBLE,
        "decision": DECISIONS[evenement.action].label,
        "motif": evenement.commentaire,
        "date": date_longue(timezone.localdate(evenement.date)),
        "depot": {"numero": depot.numero, "date": date_longue(timezone.localdate(depot.date))}
        if depot
        else None,
        "porteurs": _porteurs(cand),
        "signataire": _personne(evenement.acteur),
    }


# The states in which an eligibility decision stands (an attributed file was eligible).
DECIDEES = (StatutCandidature.ELIGIBLE, StatutCandidature.NON_ELIGIBLE, StatutCandidature.ATTRIBUEE)


def decision_visible(user, cand):
    return cand.statut in DECIDEES and _visible_service_et_dgaln(user, cand)


DECISION = enregistrer(
    Genre(
        code="decision_eligibilite",
        libelle="Décision d'éligibilité",
        modele=Candidature,
        gabarit="documents/pdf/decision_eligibilite.html",
        donnees=donnees_decision,
        visible=decision_visible,
        nom_fichier=lambda cand: f"decision-eligibilite-{cand.reference}.pdf",
        titre=lambda cand: f"Décision d'éligibilité — {cand.reference}",
        lien=lambda cand: reverse("candidatures:detail", args=[cand.pk]),
    )
)

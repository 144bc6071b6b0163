"""Inviting the collectivité on a file: the pilot service names a commune or the EPCI of the
file's territory and a person of it; the collectivité's organisation is made from the
référentiel (``Organisation.objects.de_la_collectivite``), never typed.

A person who already has an account in that collectivité is simply told of the new file; a
new person receives the portal's invitation (single-use link, expiry), which says on which
file they are invited.

Then the service hands rubrics of the fiche to the collectivité (``confier_rubriques``), and
the file's page says who last wrote each rubric (``dernieres_redactions``).
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, Subquery
from django.urls import reverse

from comptes import services as comptes
from comptes.models import Invitation, Organisation, Role
from journal.models import enregistrer
from notifications.services import notifier
from notifications.sujets import Sujet
from socle.decisions import exiger

from . import permissions
from .modeles_coporteurs import CoPorteur, Redaction, RubriqueConfiee
from .transitions import TransitionRefusee
from .workflow import Journal


def collectivites_du_territoire(candidature):
    """The collectivités the service may invite: the file's communes and its EPCI, as
    ``(code, libellé, commune, epci)``; the code is the INSEE code or the EPCI's SIREN."""
    choix = [
        (commune.code, f"{commune.commune_de} ({commune.code})", commune, None)
        for commune in candidature.communes.order_by("nom")
    ]
    if candidature.epci_id:
        epci = candidature.epci
        choix.append((epci.siren, f"{epci.nom} (EPCI, SIREN {epci.siren})", None, epci))
    return choix


def membres(candidature):
    """The active accounts of the file's co-porteurs (the e-mails of its notifications)."""
    return get_user_model().objects.filter(
        organisation__dossiers_coportes__candidature=candidature,
        role=Role.COLLECTIVITE,
        is_active=True,
    )


@transaction.atomic
def ajouter(acteur, candidature, organisation):
    """Make ``organisation`` (a collectivité) co-porteur of the file, once; journalled."""
    exiger(permissions.peut_inviter_coporteur(acteur, candidature))
    coporteur, cree = CoPorteur.objects.get_or_create(
        candidature=candidature, organisation=organisation, defaults={"ajoute_par": acteur}
    )
    if cree:
        enregistrer(
            candidature,
            acteur,
            Journal.COPORTEUR,
            Journal.COPORTEUR.label,
            commentaire=str(organisation),
        )
        if hasattr(candidature, "_collectivites"):
            del candidature._collectivites
    return coporteur


@transaction.atomic
def inviter(acteur, candidature, *, code, email, prenom, nom):
    """Make the collectivité ``code`` co-porteur of the file and invite the person in it.

    Returns ``(coporteur, invitation)``; ``invitation`` is None when the person already had an
    account in this collectivité (they are notified instead), and the invitation still waiting
    when the person was invited into this collectivité on another file."""
    exiger(permissions.peut_inviter_coporteur(acteur, candidature))
    territoire = {c[0]: c for c in collectivites_du_territoire(candidature)}
    if code not in territoire:
        raise TransitionRefusee(
            "Choisissez une commune ou l'EPCI du territoire du dossier (rubrique « Territoire »)."
        )
    _, _, commune, epci = territoire[code]
    organisation = Organisation.objects.de_la_collectivite(commune=commune, epci=epci)
    coporteur = ajouter(acteur, candidature, organisation)
    email = (email or "").strip().lower()
    compte = get_user_model().objects.filter(email=email).first()
    lien = reverse("candidatures:detail", args=[candidature.pk])
    if compte is not None:
        if compte.role != Role.COLLECTIVITE or compte.organisation_id != organisation.pk:
            raise TransitionRefusee(
                f"Un compte existe déjà pour {email}, dans une autre organisation : demandez à "
                "un administrateur DGALN de le modifier, ou invitez une autre adresse."
            )
        notifier(
            [compte],
            f"Vous êtes co-porteur du dossier « {candidature.titre} »",
            f"{acteur} ({acteur.organisation}) a ajouté {organisation} aux co-porteurs du "
            f"dossier « {candidature.titre} ».",
            lien,
            auteur=acteur,
            evenement=Sujet.COPORTEUR,
        )
        return coporteur, None
    en_cours = Invitation.objects.en_cours().filter(email=email).first()
    if en_cours is not None:
        if en_cours.role != Role.COLLECTIVITE or en_cours.organisation_id != organisation.pk:
            raise TransitionRefusee(
                f"Une invitation est déjà en cours pour {email}, dans une autre organisation : "
                "annulez-la depuis la liste des invitations, ou invitez une autre adresse."
            )
        # Invited on another file of the same collectivité and not yet accepted: the account
        # it will open sees this file too.
        en_cours.deja_en_attente = True
        return coporteur, en_cours
    try:
        invitation, _ = comptes.inviter(
            acteur,
            email=email,
            prenom=prenom,
            nom=nom,
            role=Role.COLLECTIVITE,
            organisation=organisation,
            objet=f"Vous êtes invité(e) comme co-porteur du dossier « {candidature.titre} » "
            f"({candidature.reference}), porté par {candidature.service}",
        )
    except comptes.Refus as refus:
        raise TransitionRefusee(str(refus)) from None
    return coporteur, invitation


@transaction.atomic
def confier_rubriques(acteur, candidature, codes):
    """Set which rubrics the collectivité completes (``permissions.CONFIABLES``): hand the
    new ones over, take back the others, each journalled; the co-porteurs are told what they
    now have to write. Returns the codes handed over."""
    exiger(permissions.peut_confier(acteur, candidature))
    confiables = {r.code: r for r in permissions.CONFIABLES}
    voulues = set(codes)
    if voulues - set(confiables):
        raise TransitionRefusee(
            "Seules les rubriques « "
            + " », « ".join(r.titre for r in permissions.CONFIABLES)
            + " » peuvent être confiées à la collectivité."
        )
    actuelles = set(candidature.rubriques_confiees.values_list("rubrique", flat=True))
    nouvelles = [r for r in permissions.CONFIABLES if r.code in voulues - actuelles]
    reprises = [r for r in permissions.CONFIABLES if r.code in actuelles - voulues]
    RubriqueConfiee.objects.bulk_create(
        RubriqueConfiee(candidature=candidature, rubrique=r.code, confiee_par=acteur)
        for r in nouvelles
    )
    candidature.rubriques_confiees.filter(rubrique__in=[r.code for r in reprises]).delete()
    for rubrique in nouvelles:
        enregistrer(
            candidature,
            acteur,
            Journal.RUBRIQUE_CONFIEE,
            f"Rubrique « {rubrique.titre} » confiée à la collectivité",
        )
    for rubrique in reprises:
        enregistrer(
            candidature,
            acteur,
            Journal.RUBRIQUE_REPRISE,
            f"Rubrique « {rubrique.titre} » reprise par le service",
        )
    if nouvelles:
        notifier(
            membres(candidature),
            f"Rubriques à compléter : {candidature.titre}",
            f"{acteur} ({acteur.organisation}) vous confie la rédaction de : "
            + ", ".join(f"« {r.titre} »" for r in nouvelles)
            + ".",
            reverse("candidatures:detail", args=[candidature.pk]) + "#rubriques-confiees",
            auteur=acteur,
            evenement=Sujet.COPORTEUR,
        )
    if hasattr(candidature, "_confiees"):
        del candidature._confiees
    return voulues


def dernieres_redactions(candidature):
    """The last save of each rubric, ``{code: Redaction}``, with its author's organisation:
    one query however often the fiche was saved."""
    dernieres = (
        Redaction.objects.filter(candidature=candidature)
        .order_by()
        .values("rubrique")
        .annotate(derniere=Max("pk"))
        .values("derniere")
    )
    return {
        r.rubrique: r
        for r in Redaction.objects.filter(pk__in=Subquery(dernieres)).select_related(
            "auteur__organisation"
        )
    }

"""Every change of an atelier's life, one function each, taking the acting user first.

Attribution comes first: a DGALN instructeur confirms the titulaire that the tourniquet
proposes for an eligible file (which creates the atelier), or sets it aside with a reason.
Both are recorded in the accord-cadre's rotation ledger (``marches.tourniquet``) and in the
file's audit journal, in one transaction holding the accord-cadre's row lock.

Then the atelier's life:

    cadrage ─> animation sur site ─> production ─> restitution ─> clôturé
       │  (the on-site programme: en préparation ─> proposé ─> validé, or à revoir)
       └─ the animation starts once the service has validated the programme

The titulaire or the service moves it forward (the actual dates of the phases follow), the
service closes it when every livrable is validated and every bon executed. Each change locks
the atelier's row, checks the rule of ``permissions`` again, writes the audit event and tells
the other parties.
"""

from decimal import Decimal

from django.db import transaction
from django.urls import reverse

from candidatures.transitions import agents_du_service
from candidatures.workflow import CANDIDATURE
from candidatures.workflow import Action as ActionCandidature
from journal.models import enregistrer
from journal.transitions import (
    TransitionRefusee,
    changer_statut,
    date_effective,
    exiger,
    verrouiller,
)
from marches import tourniquet
from marches.models import TourDeTourniquet
from notifications.sujets import Sujet
from socle.formats import euros

from . import permissions
from .destinataires import equipe_du_titulaire, prevenir
from .models import PHASES_PLANIFIEES, Atelier, Phase, ProgrammeSurSite, Publication


def _preparer(acteur, candidature):
    """Check, lock the accord-cadre in force then the file (always in that order)."""
    exiger(CANDIDATURE.decision(acteur, candidature, ActionCandidature.ATTRIBUTION))
    accord = tourniquet.verrouiller_en_vigueur()
    cand = verrouiller(candidature)
    exiger(CANDIDATURE.decision(acteur, cand, ActionCandidature.ATTRIBUTION))
    return accord, cand


@transaction.atomic
def attribuer(acteur, candidature, titulaire, montant_ht=None):
    """Confirm the proposed titulaire: the file is attributed and its atelier created."""
    accord, cand = _preparer(acteur, candidature)
    montant_ht = accord.montant_atelier_ht if montant_ht is None else Decimal(montant_ht)
    if montant_ht <= 0:
        raise TransitionRefusee("Le montant prévu de l'atelier doit être positif.")
    tour = tourniquet.enregistrer_tour(
        acteur, accord, cand, titulaire, TourDeTourniquet.Issue.ATTRIBUE
    )
    atelier = Atelier.objects.create(
        candidature=cand,
        accord_cadre=accord,
        titulaire=titulaire,
        service_pilote_id=cand.service_id,
        montant_ht=montant_ht,
        attribue_par=acteur,
    )
    libelle = f"Atelier attribué à « {titulaire} » (tourniquet, tour n° {tour.numero})"
    lien = reverse("ateliers:detail", args=[atelier.pk])
    texte = (
        f"L'atelier « {cand.titre} » ({cand.territoire()}) est attribué à « {titulaire} », "
        f"selon l'ordre du tourniquet de l'accord-cadre {accord.reference}. "
        f"Service pilote : {cand.service}. Montant prévu : {euros(montant_ht)} HT."
    )
    with CANDIDATURE.passage(ActionCandidature.ATTRIBUTION, acteur, cand, verrou=False) as p:
        p.libelle = libelle
        p.notifier(agents_du_service(cand), f"Atelier attribué : {cand.titre}", texte, lien)
        p.notifier(equipe_du_titulaire(titulaire), f"Nouvel atelier : {cand.titre}", texte, lien)
    atelier.preparer_suivi()
    enregistrer(atelier, acteur, "creation", libelle, "", atelier.phase)
    return atelier


@transaction.atomic
def ecarter(acteur, candidature, titulaire, motif, commentaire=""):
    """Set the proposed titulaire aside for this file, with the reason; the next is proposed."""
    if motif not in TourDeTourniquet.Motif.values:
        raise TransitionRefusee("Choisissez le motif pour lequel le titulaire est écarté.")
    accord, cand = _preparer(acteur, candidature)
    tour = tourniquet.enregistrer_tour(
        acteur,
        accord,
        cand,
        titulaire,
        TourDeTourniquet.Issue.ECARTE,
        motif=motif,
        commentaire=commentaire.strip(),
    )
    regle = accord.get_regle_ecart_display().lower()
    enregistrer(
        cand,
        acteur,
        "tourniquet_ecart",
        f"Tourniquet : « {titulaire} » écarté ({tour.get_motif_display().lower()})",
        commentaire=f"{commentaire.strip()}\nRègle de l'accord-cadre : {regle}.".strip(),
        interne=True,
    )
    return tour


# ---------------------------------------------------------------------------------------------
# The atelier's life


@transaction.atomic
def planifier(acteur, atelier, dates):
    """Set the planned dates: ``dates[phase] = (début prévu, fin prévue)``, either may be None.

    Each phase ends after it starts and starts no earlier than the previous one.
    """
    atelier = verrouiller(atelier)
    exiger(permissions.peut_planifier(acteur, atelier))
    etapes = {e.phase: e for e in atelier.planning.all()}
    precedent = None
    for phase in PHASES_PLANIFIEES:
        debut, fin = dates.get(phase, (None, None))
        if debut and fin and fin < debut:
            raise TransitionRefusee(
                f"La phase « {phase.label} » ne peut pas finir ({fin:%d/%m/%Y}) "
                f"avant de commencer ({debut:%d/%m/%Y})."
            )
        if debut and precedent and debut < precedent[1]:
            raise TransitionRefusee(
                f"La phase « {phase.label} » ne peut pas commencer ({debut:%d/%m/%Y}) avant la "
                f"phase « {precedent[0].label} » ({precedent[1]:%d/%m/%Y})."
            )
        if debut:
            precedent = (phase, debut)
    changements = []
    for phase in PHASES_PLANIFIEES:
        etape = etapes[phase]
        debut, fin = dates.get(phase, (None, None))
        if (etape.debut_prevu, etape.fin_prevue) != (debut, fin):
            etape.debut_prevu, etape.fin_prevue = debut, fin
            etape.save(update_fields=["debut_prevu", "fin_prevue"])
            periode = " au ".join(f"{d:%d/%m/%Y}" for d in (debut, fin) if d) or "non planifiée"
            changements.append(f"{phase.label} : {periode}")
    if changements:
        enregistrer(
            atelier, acteur, "planning", "Planning modifié", commentaire="\n".join(changements)
        )
        qui = "service" if permissions.est_du_titulaire(acteur, atelier) else "titulaire"
        prevenir(
            atelier,
            acteur,
            f"Planning modifié : {atelier.candidature.titre}",
            "Le planning de l'atelier a changé :\n" + "\n".join(changements),
            qui,
            evenement=Sujet.ATELIER,
        )
    return changements


CHAMPS_PROGRAMME = ProgrammeSurSite.CHAMPS_REQUIS
JOURS_SUR_SITE_MAX = 3


def verifier_jours(premier, dernier):
    if premier and dernier:
        if dernier < premier:
            raise TransitionRefusee("Le dernier jour sur site ne peut pas précéder le premier.")
        if (dernier - premier).days + 1 > JOURS_SUR_SITE_MAX:
            raise TransitionRefusee(
                f"L'animation sur site dure {JOURS_SUR_SITE_MAX} jours au plus "
                f"(ici {(dernier - premier).days + 1} jours)."
            )


@transaction.atomic
def proposer_programme(acteur, atelier, commentaire=""):
    atelier = verrouiller(atelier)
    programme = atelier.programme
    exiger(permissions.peut_proposer_programme(acteur, atelier, programme))
    manquants = programme.manquants()
    if manquants:
        raise TransitionRefusee(
            "Complétez le programme avant de le proposer : " + ", ".join(manquants) + "."
        )
    verifier_jours(programme.premier_jour, programme.dernier_jour)
    avant = programme.statut
    programme.statut = ProgrammeSurSite.Statut.PROPOSE
    programme.save(update_fields=["statut", "modifie_le"])
    enregistrer(
        atelier,
        acteur,
        "programme_propose",
        "Programme sur site proposé au service",
        avant,
        programme.statut,
        commentaire.strip(),
    )
    prevenir(
        atelier,
        acteur,
        f"Programme sur site à valider : {atelier.candidature.titre}",
        f"Le titulaire propose le programme sur site du {programme.premier_jour:%d/%m/%Y} "
        f"au {programme.dernier_jour:%d/%m/%Y}. Validez-le ou demandez-lui de le revoir.",
        "service",
        evenement=Sujet.ATELIER,
    )
    return programme


@transaction.atomic
def valider_programme(acteur, atelier, commentaire=""):
    """The service validates the programme: the days on site become the animation's dates."""
    atelier = verrouiller(atelier)
    programme = atelier.programme
    exiger(permissions.peut_statuer_programme(acteur, atelier, programme))
    avant = programme.statut
    programme.statut = ProgrammeSurSite.Statut.VALIDE
    programme.avis_service = commentaire.strip()
    programme.save(update_fields=["statut", "avis_service", "modifie_le"])
    atelier.planning.filter(phase=Phase.ANIMATION).update(
        debut_prevu=programme.premier_jour, fin_prevue=programme.dernier_jour
    )
    enregistrer(
        atelier,
        acteur,
        "programme_valide",
        "Programme sur site validé",
        avant,
        programme.statut,
        commentaire.strip(),
    )
    prevenir(
        atelier,
        acteur,
        f"Programme sur site validé : {atelier.candidature.titre}",
        f"Le service pilote valide le programme sur site du {programme.premier_jour:%d/%m/%Y} "
        f"au {programme.dernier_jour:%d/%m/%Y}.\n\n{commentaire.strip()}".strip(),
        "titulaire",
        evenement=Sujet.ATELIER,
    )
    return programme


@transaction.atomic
def demander_revision_programme(acteur, atelier, commentaire):
    commentaire = (commentaire or "").strip()
    if not commentaire:
        raise TransitionRefusee("Dites au titulaire ce qu'il faut revoir dans le programme.")
    atelier = verrouiller(atelier)
    programme = atelier.programme
    exiger(permissions.peut_statuer_programme(acteur, atelier, programme))
    avant = programme.statut
    programme.statut = ProgrammeSurSite.Statut.A_REVOIR
    programme.avis_service = commentaire
    programme.save(update_fields=["statut", "avis_service", "modifie_le"])
    enregistrer(
        atelier,
        acteur,
        "programme_a_revoir",
        "Programme sur site à revoir",
        avant,
        programme.statut,
        commentaire,
    )
    prevenir(
        atelier,
        acteur,
        f"Programme sur site à revoir : {atelier.candidature.titre}",
        f"Le service pilote vous demande de revoir le programme sur site :\n\n{commentaire}",
        "titulaire",
        evenement=Sujet.ATELIER,
    )
    return programme


@transaction.atomic
def avancer(acteur, atelier, date=None, commentaire="", depuis=None):
    """Move the atelier to its next phase; ``date``: when the phase actually changed.

    ``depuis``: the phase the person saw; a second click (or a colleague acting at the same
    time) finds the atelier already moved on and is refused, instead of skipping a phase.
    """
    atelier = verrouiller(atelier)
    if depuis and atelier.phase != depuis:
        raise TransitionRefusee(
            f"L'atelier est déjà passé en phase « {Phase(atelier.phase).label} » : "
            "rien n'a été changé."
        )
    exiger(permissions.peut_avancer(acteur, atelier))
    avant = Phase(atelier.phase)
    apres = permissions.SUIVANTE[avant]
    etapes = {e.phase: e for e in atelier.planning.all()}
    courante = etapes[avant]
    jour = date_effective(
        date, "de changement de phase", courante.debut_reel, "le début de la phase"
    )
    courante.fin_reelle = jour
    courante.save(update_fields=["fin_reelle"])
    suivante = etapes[apres]
    suivante.debut_reel = jour
    suivante.save(update_fields=["debut_reel"])
    changer_statut(
        atelier,
        acteur,
        apres,
        "phase",
        f"Phase « {apres.label} » commencée",
        commentaire.strip(),
        champ="phase",
    )
    prevenir(
        atelier,
        acteur,
        f"{atelier.candidature.titre} : {apres.label.lower()}",
        f"L'atelier passe en phase « {apres.label} » le {jour:%d/%m/%Y}.\n\n"
        f"{commentaire.strip()}".strip(),
        evenement=Sujet.ATELIER,
    )
    return atelier


@transaction.atomic
def cloturer(acteur, atelier, date=None, commentaire=""):
    """The service closes the atelier: its livrables are validated, its bons executed."""
    atelier = verrouiller(atelier)
    exiger(permissions.peut_cloturer(acteur, atelier))
    restitution = atelier.planning.get(phase=Phase.RESTITUTION)
    jour = date_effective(date, "de clôture", restitution.debut_reel, "le début de la restitution")
    restitution.fin_reelle = jour
    restitution.save(update_fields=["fin_reelle"])
    atelier.date_cloture = jour
    changer_statut(
        atelier,
        acteur,
        Phase.CLOTURE,
        "cloture",
        "Atelier clôturé",
        commentaire.strip(),
        champs=("date_cloture",),
        champ="phase",
    )
    prevenir(
        atelier,
        acteur,
        f"Atelier clôturé : {atelier.candidature.titre}",
        f"Le service pilote clôture l'atelier au {jour:%d/%m/%Y}. Merci à toutes et à tous.",
        evenement=Sujet.ATELIER,
    )
    return atelier


@transaction.atomic
def publier(acteur, atelier, publication, exemple_inspirant, commentaire=""):
    """The DGALN sets whether the atelier is in the public catalogue, and whether it is one
    of the inspiring examples (only a published atelier can be)."""
    atelier = verrouiller(atelier)
    exiger(permissions.peut_publier(acteur, atelier))
    publication = Publication(publication)
    if exemple_inspirant and publication == Publication.NON_PUBLIE:
        raise TransitionRefusee("Un atelier non publié ne peut pas être un exemple inspirant.")

    def etat(pub, exemple):
        # The journal keeps short codes; the label says it in words.
        return pub + ("+exemple" if exemple else "")

    def decrire(pub, exemple):
        return Publication(pub).label + (", exemple inspirant" if exemple else "")

    avant = etat(atelier.publication, atelier.exemple_inspirant)
    apres = etat(publication, exemple_inspirant)
    if avant == apres:
        raise TransitionRefusee("Rien n'a changé : la publication est déjà celle-ci.")
    atelier.publication = publication
    atelier.exemple_inspirant = exemple_inspirant
    atelier.save(update_fields=["publication", "exemple_inspirant", "modifie_le"])
    enregistrer(
        atelier,
        acteur,
        "publication",
        f"Catalogue public : {decrire(publication, exemple_inspirant)}",
        avant=avant,
        apres=apres,
        commentaire=commentaire.strip(),
    )
    return atelier

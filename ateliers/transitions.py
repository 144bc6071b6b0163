"""Every change of an atelier's life, one function each, taking the acting user first.

The attribution that creates the atelier is in ``attribution`` (``attribuer``, ``ecarter``,
still importable from here). Then the atelier's life, the two tables of ``workflow``:

    cadrage ─> animation sur site ─> production ─> restitution ─> clôturé
       │  (the on-site programme: en préparation ─> proposé ─> validé, or à revoir)
       └─ the animation starts once the service has validated the programme

Each change of state applies its row of the table (``Workflow.passage``: the atelier's row
locked, the state, the party and the rule checked, the change journaled under the row's code,
the other parties told, in one transaction) and adds what is particular to it: the actual
dates of the phases, the days on site that become the animation's planned dates. The
planning and the publication are not changes of state: they check their rule in
``permissions`` and journal under ``workflow.Journal``.
"""

from django.db import transaction

from candidatures.transitions import agents_du_service
from journal.models import enregistrer
from journal.transitions import TransitionRefusee, date_effective, exiger, verrouiller
from notifications.sujets import Sujet
from socle.formats import date_longue

from . import permissions, planning
from .attribution import attribuer, ecarter
from .destinataires import equipe_du_titulaire, parties, prevenir
from .models import PHASES_PLANIFIEES, Phase, ProgrammeSurSite, Publication
from .workflow import (
    ATELIER,
    JOURS_SUR_SITE_MAX,
    PROGRAMME,
    SUIVANTE,
    Action,
    ActionProgramme,
    Journal,
    duree_sur_site,
)

# What other modules import from here (the attribution moved to ``attribution``).
__all__ = [
    "CHAMPS_PROGRAMME",
    "JOURS_SUR_SITE_MAX",
    "SUIVANTE",
    "alertes",
    "attribuer",
    "avancer",
    "cloturer",
    "date_du_changement",
    "demander_revision_programme",
    "ecarter",
    "planifier",
    "proposer_programme",
    "publier",
    "valider_programme",
    "verifier_depuis",
    "verifier_jours",
]


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
            atelier,
            acteur,
            Journal.PLANNING,
            "Planning modifié",
            commentaire="\n".join(changements),
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


# -- The on-site programme -------------------------------------------------------------------

CHAMPS_PROGRAMME = ProgrammeSurSite.CHAMPS_REQUIS


def verifier_jours(premier, dernier):
    raison = duree_sur_site(premier, dernier)
    if raison:
        raise TransitionRefusee(raison)


def _du_au(programme):
    return f"du {date_longue(programme.premier_jour)} au {date_longue(programme.dernier_jour)}"


@transaction.atomic
def proposer_programme(acteur, atelier, commentaire=""):
    # The atelier's row first, as the programme's drafting does: one at a time.
    atelier = verrouiller(atelier)
    with PROGRAMME.passage(ActionProgramme.PROPOSE, acteur, atelier.programme, commentaire) as p:
        p.notifier(
            agents_du_service(atelier.candidature),
            f"Programme sur site à valider : {atelier.candidature.titre}",
            f"Le titulaire propose le programme sur site {_du_au(p.objet)}. Validez-le ou "
            "demandez-lui de le revoir.",
        )
    return p.objet


@transaction.atomic
def valider_programme(acteur, atelier, commentaire=""):
    """The service validates the programme: the days on site become the animation's dates."""
    atelier = verrouiller(atelier)
    with PROGRAMME.passage(ActionProgramme.VALIDE, acteur, atelier.programme, commentaire) as p:
        programme = p.objet
        programme.avis_service = p.commentaire
        p.champs.append("avis_service")
        atelier.planning.filter(phase=Phase.ANIMATION).update(
            debut_prevu=programme.premier_jour, fin_prevue=programme.dernier_jour
        )
        p.notifier(
            equipe_du_titulaire(atelier.titulaire),
            f"Programme sur site validé : {atelier.candidature.titre}",
            f"Le service pilote valide le programme sur site {_du_au(programme)}.\n\n"
            f"{p.commentaire}".strip(),
        )
    return programme


@transaction.atomic
def demander_revision_programme(acteur, atelier, commentaire):
    atelier = verrouiller(atelier)
    with PROGRAMME.passage(ActionProgramme.A_REVOIR, acteur, atelier.programme, commentaire) as p:
        if not p.commentaire:
            raise TransitionRefusee("Dites au titulaire ce qu'il faut revoir dans le programme.")
        p.objet.avis_service = p.commentaire
        p.champs.append("avis_service")
        p.notifier(
            equipe_du_titulaire(atelier.titulaire),
            f"Programme sur site à revoir : {atelier.candidature.titre}",
            "Le service pilote vous demande de revoir le programme sur site :\n\n" + p.commentaire,
        )
    return p.objet


# -- The phases ------------------------------------------------------------------------------


def _etapes(atelier):
    return {e.phase: e for e in atelier.planning.all()}


def debut_de_l_atelier(atelier, etapes):
    """When the atelier started: its cadrage, which begins at the attribution."""
    cadrage = etapes.get(Phase.CADRAGE)
    return (cadrage.debut_reel if cadrage else None) or atelier.cree_le.date()


def verifier_depuis(atelier, depuis):
    """``depuis``: the phase the person saw; a second click (or a colleague acting at the same
    time) finds the atelier already moved on and is refused, instead of skipping a phase."""
    if depuis and atelier.phase != depuis:
        raise TransitionRefusee(
            f"L'atelier est déjà passé en phase « {Phase(atelier.phase).label} » : "
            "rien n'a été changé."
        )


def date_du_changement(atelier, jour, etapes=None):
    """The date the atelier leaves its phase (today when empty): not in the future, not
    before that phase started; refused in words otherwise."""
    etapes = etapes or _etapes(atelier)
    courante = etapes.get(atelier.phase)
    quoi = "de clôture" if atelier.phase == Phase.RESTITUTION else "de changement de phase"
    return date_effective(
        jour,
        quoi,
        courante.debut_reel if courante else None,
        f"le début de la phase « {Phase(atelier.phase).label} »",
    )


def alertes(atelier, jour, etapes=None):
    """What is implausible in leaving the atelier's phase on ``jour`` (``planning``)."""
    etapes = etapes or _etapes(atelier)
    return planning.alertes_du_changement(
        atelier.phase, jour, etapes, debut_de_l_atelier(atelier, etapes)
    )


def _commentaire(commentaire, alertes_du_jour):
    """The person's comment, then the warnings the date raised (kept in the journal)."""
    lignes = [commentaire.strip()] if commentaire.strip() else []
    lignes += [f"Alerte sur la date : {alerte}" for alerte in alertes_du_jour]
    return "\n".join(lignes)


def _changer_de_phase(p, atelier, date, commentaire):
    """The actual dates of the phase left and of the next one; the warnings, journaled."""
    etapes = _etapes(atelier)
    jour = date_du_changement(atelier, date, etapes)
    p.commentaire = _commentaire(commentaire, alertes(atelier, jour, etapes))
    courante = etapes[p.avant]
    courante.fin_reelle = jour
    courante.save(update_fields=["fin_reelle"])
    suivante = etapes.get(p.vers)
    if suivante is not None:
        suivante.debut_reel = jour
        suivante.save(update_fields=["debut_reel"])
    return jour


@transaction.atomic
def avancer(acteur, atelier, date=None, commentaire="", depuis=None):
    """Move the atelier to its next phase; ``date``: when the phase actually changed;
    ``depuis``: the phase the person saw (``verifier_depuis``)."""
    atelier = verrouiller(atelier)
    verifier_depuis(atelier, depuis)
    with ATELIER.passage(Action.PHASE, acteur, atelier, verrou=False) as p:
        jour = _changer_de_phase(p, atelier, date, commentaire)
        apres = Phase(p.vers)
        p.libelle = f"Phase « {apres.label} » commencée le {date_longue(jour)}"
        p.notifier(
            parties(atelier),
            f"{atelier.candidature.titre} : {apres.label.lower()}",
            f"L'atelier passe en phase « {apres.label} » le {date_longue(jour)}.\n\n"
            f"{commentaire.strip()}".strip(),
        )
    return atelier


@transaction.atomic
def cloturer(acteur, atelier, date=None, commentaire="", depuis=None):
    """The service closes the atelier: its livrables are validated, its bons executed."""
    atelier = verrouiller(atelier)
    verifier_depuis(atelier, depuis)
    with ATELIER.passage(Action.CLOTURE, acteur, atelier, verrou=False) as p:
        jour = _changer_de_phase(p, atelier, date, commentaire)
        atelier.date_cloture = jour
        p.champs.append("date_cloture")
        p.libelle = f"Atelier clôturé le {date_longue(jour)}"
        p.notifier(
            parties(atelier),
            f"Atelier clôturé : {atelier.candidature.titre}",
            f"Le service pilote clôture l'atelier au {date_longue(jour)}. "
            "Merci à toutes et à tous.",
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
        Journal.PUBLICATION,
        f"Catalogue public : {decrire(publication, exemple_inspirant)}",
        avant=avant,
        apres=apres,
        commentaire=commentaire.strip(),
    )
    return atelier

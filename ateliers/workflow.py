"""The atelier's two workflows: its phases, and its on-site programme.

    cadrage ─> animation sur site ─> production ─> restitution ─> clôturé
       │  the on-site programme: en préparation ─> proposé ─> validé, or à revoir ─> proposé
       └─ the animation starts once the service has validated the programme

The titulaire or the pilot service moves the atelier from phase to phase; the service closes
it once the conditions the apps above it registered in ``cloture`` hold (every livrable
validated, every bon executed). The titulaire proposes the programme, the service validates it
or sends it back. The attribution that creates the atelier is a row of the candidature's table.
``transitions`` applies these tables; the diagrams generated from them are in
``docs/workflows.md``.
"""

from django.db import models
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from notifications.sujets import Sujet
from socle.decisions import OUI, non
from workflow.moteur import Manque, Partie, Transition, Workflow
from workflow.registre import inscrire

from . import cloture
from .models import Atelier, EtapePlanning, Phase, ProgrammeSurSite
from .permissions import est_du_service_pilote, est_du_titulaire

P = Phase
S = ProgrammeSurSite.Statut


class Action(models.TextChoices):
    """The journal's codes for an atelier's phases (the label is the journal's default)."""

    PHASE = "phase", "Phase suivante commencée"
    CLOTURE = "cloture", "Atelier clôturé"


class ActionProgramme(models.TextChoices):
    """The journal's codes for the on-site programme (recorded on the atelier's timeline)."""

    PROPOSE = "programme_propose", "Programme sur site proposé au service"
    VALIDE = "programme_valide", "Programme sur site validé"
    A_REVOIR = "programme_a_revoir", "Programme sur site à revoir"


class Journal(models.TextChoices):
    """The other events of an atelier's timeline (and of its file, for the tourniquet)."""

    CREATION = "creation", "Atelier créé"
    TOURNIQUET_ECART = "tourniquet_ecart", "Titulaire écarté par le tourniquet"
    PLANNING = "planning", "Planning modifié"
    PUBLICATION = "publication", "Publication au catalogue public"
    FICHE_VALIDEE = "fiche_validee", "Fiche synthétique validée"
    ENGAGEMENT_FAIT = "engagement_fait", "Engagement de la collectivité fait"
    ENGAGEMENT_REPRIS = "engagement_repris", "Engagement de la collectivité à nouveau à faire"


# -- The atelier's phases --------------------------------------------------------------------


def parties_de_l_atelier(atelier_de):
    """The titulaire and the pilot service as parties of anything that belongs to an atelier
    (its phases, its programme, its bons, its livrables): ``atelier_de(objet)`` finds it."""
    titulaire = Partie(
        "titulaire",
        "le titulaire",
        est=lambda user, objet: est_du_titulaire(user, atelier_de(objet)),
        du_compte=lambda user: user.est_prestataire,
        organisation=lambda objet: atelier_de(objet).titulaire.nom,
    )
    service = Partie(
        "service",
        "le service pilote",
        est=lambda user, objet: est_du_service_pilote(user, atelier_de(objet)),
        du_compte=lambda user: user.est_agent,
        organisation=lambda objet: atelier_de(objet).service_pilote,
    )
    return titulaire, service


TITULAIRE, SERVICE = parties_de_l_atelier(lambda atelier: atelier)

# The phase that follows each phase before the restitution (which the closure ends).
SUIVANTE = {P.CADRAGE: P.ANIMATION, P.ANIMATION: P.PRODUCTION, P.PRODUCTION: P.RESTITUTION}


def lien_atelier(atelier, ancre=""):
    return reverse("ateliers:detail", args=[atelier.pk]) + ancre


def _programme_manquant(atelier):
    """Before the animation: the on-site programme validated by the service, and who holds it."""
    if atelier.phase != P.CADRAGE:
        return []
    programme = atelier.programme
    statut = S(programme.statut)
    if statut == S.VALIDE:
        return []
    if statut == S.PROPOSE:
        qui = f"au service pilote ({atelier.service_pilote}) de le valider"
    elif statut == S.A_REVOIR:
        qui = f"au titulaire ({atelier.titulaire.nom}) de le revoir et de le proposer à nouveau"
    else:
        qui = f"au titulaire ({atelier.titulaire.nom}) de le rédiger et de le proposer au service"
    return [
        Manque(
            "le programme sur site validé par le service pilote avant l'animation sur site ; "
            f"il est « {statut.label.lower()} » : c'est {qui}",
            reverse("ateliers:programme", args=[atelier.pk]),
            "ouvrir le programme sur site",
        )
    ]


def _animation_possible(atelier):
    manque = _programme_manquant(atelier)
    if manque:
        statut = S(atelier.programme.statut).label.lower()
        return non(
            "L'animation sur site commence quand le service pilote a validé le programme "
            f"sur site (il est « {statut} »)."
        )
    return OUI


# Where the atelier's page shows what each closure condition reads.
ANCRES_DE_CLOTURE = {
    "livrables": ("#livrables", "voir les livrables"),
    "bons": ("#titre-bons", "voir les bons de commande"),
}


def _cloture_manquante(atelier):
    manques = []
    for code, raison in cloture.manques_par_condition(atelier):
        ancre, lien_texte = ANCRES_DE_CLOTURE.get(code, ("", ""))
        manques.append(Manque(raison, lien_atelier(atelier, ancre) if ancre else "", lien_texte))
    return manques


def _cloture_possible(atelier):
    manques = cloture.manques(atelier)
    if manques:
        # A condition may name its objects with links (safe HTML); the others are escaped.
        return non(
            format_html(
                "L'atelier ne peut pas encore être clôturé : {}.",
                format_html_join(" ; ", "{}", ((manque,) for manque in manques)),
            )
        )
    return OUI


def _debut_de_la_phase(atelier):
    """The actual start of the current phase (the date given when the phase changed)."""
    if atelier.phase == P.CLOTURE:
        return atelier.date_cloture
    etape = atelier.planning.filter(phase=atelier.phase).only("debut_reel").first()
    return etape.debut_reel if etape else None


def _action(slug):
    return ("ateliers:action", slug)


ATELIER = inscrire(
    Workflow(
        "atelier",
        Atelier,
        Phase,
        Action,
        [
            Transition(
                Action.PHASE,
                tuple(SUIVANTE),
                SUIVANTE,
                (TITULAIRE, SERVICE),
                "Seuls le titulaire et le service pilote font avancer l'atelier.",
                "Passer à la phase suivante",
                _action("avancer"),
                sujet=Sujet.ATELIER,
                condition=_animation_possible,
                condition_en_liste=True,
                manquants=_programme_manquant,
            ),
            Transition(
                Action.CLOTURE,
                (P.RESTITUTION,),
                P.CLOTURE,
                (SERVICE,),
                "Seul le service pilote clôture l'atelier.",
                "Clôturer l'atelier",
                _action("cloturer"),
                sujet=Sujet.ATELIER,
                condition=_cloture_possible,
                manquants=_cloture_manquante,
            ),
        ],
        nommer=lambda atelier: "L'atelier",
        lien=lien_atelier,
        intituler=lambda atelier: f"{atelier.candidature.titre} ({atelier.titulaire.nom})",
        preparer=lambda ateliers: ateliers.select_related(
            "candidature", "titulaire", "service_pilote", "programme"
        ),
        champ="phase",
        depuis=_debut_de_la_phase,
        attente=Subquery(
            EtapePlanning.objects.filter(atelier=OuterRef("pk"), phase=OuterRef("phase")).values(
                "debut_reel"
            )[:1]
        ),
        suivi_par_le_planning=True,
        fins={
            P.CLOTURE: "L'atelier est clôturé : il ne se modifie plus. Il entre au catalogue "
            "public des ateliers réalisés une fois sa fiche synthétique validée par le service "
            "pilote, sauf si la DGALN l'en retire.",
        },
    )
)


# -- The on-site programme -------------------------------------------------------------------

TITULAIRE_DU_PROGRAMME, SERVICE_DU_PROGRAMME = parties_de_l_atelier(
    lambda programme: programme.atelier
)

JOURS_SUR_SITE_MAX = 3


def duree_sur_site(premier, dernier):
    """Why these days on site cannot be (empty when they can)."""
    if premier and dernier:
        if dernier < premier:
            return "Le dernier jour sur site ne peut pas précéder le premier."
        jours = (dernier - premier).days + 1
        if jours > JOURS_SUR_SITE_MAX:
            return (
                f"L'animation sur site dure {JOURS_SUR_SITE_MAX} jours au plus (ici {jours} jours)."
            )
    return ""


def _a_completer(programme):
    """The fields still empty (the form is on the programme's page itself)."""
    return [Manque(f"« {champ} »") for champ in programme.manquants()]


def _proposable(programme):
    if programme.atelier.phase != P.CADRAGE:
        phase = Phase(programme.atelier.phase).label
        return non(
            f"L'atelier est en phase « {phase} » : le programme sur site ne se modifie plus."
        )
    manquants = programme.manquants()
    if manquants:
        return non("Complétez le programme avant de le proposer : " + ", ".join(manquants) + ".")
    duree = duree_sur_site(programme.premier_jour, programme.dernier_jour)
    return non(duree) if duree else OUI


PROGRAMME = inscrire(
    Workflow(
        "programme",
        ProgrammeSurSite,
        S,
        ActionProgramme,
        [
            Transition(
                ActionProgramme.PROPOSE,
                (S.BROUILLON, S.A_REVOIR),
                S.PROPOSE,
                (TITULAIRE_DU_PROGRAMME,),
                "Le programme sur site est proposé par le titulaire de l'atelier.",
                "Proposer au service",
                _action("proposer-programme"),
                sujet=Sujet.ATELIER,
                condition=_proposable,
                manquants=_a_completer,
            ),
            Transition(
                ActionProgramme.VALIDE,
                (S.PROPOSE,),
                S.VALIDE,
                (SERVICE_DU_PROGRAMME,),
                "Seul le service pilote valide le programme sur site.",
                "Valider le programme",
                _action("valider-programme"),
                sujet=Sujet.ATELIER,
            ),
            Transition(
                ActionProgramme.A_REVOIR,
                (S.PROPOSE,),
                S.A_REVOIR,
                (SERVICE_DU_PROGRAMME,),
                "Seul le service pilote valide le programme sur site ou le renvoie au titulaire.",
                "Demander de le revoir",
                _action("revoir-programme"),
                sujet=Sujet.ATELIER,
                principale=False,
            ),
        ],
        nommer=lambda programme: "Le programme sur site",
        lien=lambda programme: reverse("ateliers:programme", args=[programme.atelier_id]),
        intituler=lambda programme: f"Programme sur site — {programme.atelier.candidature.titre}",
        # A programme only awaits anyone while its atelier is in cadrage.
        preparer=lambda programmes: programmes.filter(atelier__phase=P.CADRAGE).select_related(
            "atelier__candidature", "atelier__titulaire", "atelier__service_pilote"
        ),
        journal_sur="atelier",
        fins={
            S.VALIDE: "Le programme sur site est validé : ses jours sont les dates prévues de "
            "l'animation sur site.",
        },
    )
)

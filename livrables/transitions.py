"""Every change of a livrable, one function each, taking the acting user first.

The changes of state apply their row of ``workflow.LIVRABLE`` (lock, state, party and rule
checked, change, journal, notification, in one transaction); the due date's change and the
withdrawal are journal events (``workflow.Journal``) with their rules in ``permissions``. A
refused change raises ``TransitionRefusee`` with a French message and changes nothing.
"""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from ateliers import permissions as permissions_atelier
from ateliers.destinataires import equipe_du_titulaire, parties, prevenir
from candidatures.transitions import agents_du_service
from journal.models import enregistrer
from journal.transitions import TransitionRefusee, exiger, verrouiller
from notifications.sujets import Sujet
from socle.fichiers import FORMATS_LIVRABLES, nom_original, valider_fichier

from . import permissions
from .models import Livrable, Type, Version
from .workflow import AVIS, LIVRABLE, Action, Journal


def lien(livrable):
    return LIVRABLE.lien(livrable)


def _verifier(type_livrable, intitule, echeance):
    if type_livrable not in Type.values:
        raise TransitionRefusee("Choisissez le type de livrable.")
    if type_livrable == Type.AUTRE and not intitule.strip():
        raise TransitionRefusee("Donnez un intitulé au livrable « Autre ».")
    if echeance is None:
        raise TransitionRefusee("Indiquez l'échéance du livrable.")


def ajouter(acteur, atelier, type_livrable, echeance, intitule=""):
    """The service records a livrable agreed with the titulaire."""
    exiger(permissions_atelier.peut_definir_livrables(acteur, atelier))
    _verifier(type_livrable, intitule, echeance)
    with transaction.atomic():
        try:
            with transaction.atomic():
                livrable = Livrable.objects.create(
                    atelier=atelier,
                    type=type_livrable,
                    intitule=intitule.strip(),
                    echeance=echeance,
                    cree_par=acteur,
                )
        except IntegrityError:
            raise TransitionRefusee(
                f"« {Type(type_livrable).label} » est déjà attendu pour cet atelier."
            ) from None
        with LIVRABLE.naissance(Action.CREATION, acteur, livrable) as p:
            p.libelle = f"Livrable attendu : {livrable.nom}, pour le {echeance:%d/%m/%Y}"
            p.notifier(
                equipe_du_titulaire(atelier.titulaire),
                f"Livrable attendu : {livrable.nom}",
                f"Le service pilote attend le livrable « {livrable.nom} » "
                f"({livrable.famille.lower()}) pour le {echeance:%d/%m/%Y}.",
            )
    return livrable


@transaction.atomic
def modifier(acteur, livrable, echeance, intitule=""):
    """Change the due date or the title (the state stays): the titulaire is told of a new
    due date."""
    livrable = verrouiller(livrable)
    exiger(permissions.peut_modifier(acteur, livrable))
    _verifier(livrable.type, intitule, echeance)
    avant = livrable.echeance
    livrable.echeance = echeance
    livrable.intitule = intitule.strip()
    livrable.save(update_fields=["echeance", "intitule", "modifie_le"])
    if avant != echeance:
        enregistrer(
            livrable,
            acteur,
            Journal.MODIFICATION,
            f"Échéance de « {livrable.nom} » : {echeance:%d/%m/%Y} (au lieu du {avant:%d/%m/%Y})",
        )
        prevenir(
            livrable.atelier,
            acteur,
            f"Nouvelle échéance : {livrable.nom}",
            f"Le livrable « {livrable.nom} » est désormais attendu pour le {echeance:%d/%m/%Y}.",
            "titulaire",
            lien(livrable),
            evenement=Sujet.LIVRABLE_ATTENDU,
        )
    return livrable


@transaction.atomic
def retirer(acteur, livrable):
    """Remove an expected livrable recorded by mistake (never one with a version); the
    atelier's journal keeps it."""
    livrable = verrouiller(livrable)
    exiger(permissions.peut_retirer(acteur, livrable))
    enregistrer(livrable.atelier, acteur, Journal.RETRAIT, f"Livrable retiré : {livrable.nom}")
    livrable.delete()


def deposer(acteur, livrable, fichier, note=""):
    """The titulaire uploads a new version: it waits for the service's opinion (a version
    still waiting is superseded)."""
    exiger(LIVRABLE.decision(acteur, livrable, Action.DEPOT))
    type_mime = valider_fichier(fichier, FORMATS_LIVRABLES)
    with LIVRABLE.passage(Action.DEPOT, acteur, livrable, note) as p:
        livrable = p.objet
        livrable.versions.filter(avis=AVIS[Action.DEPOT]).update(avis=Version.Avis.REMPLACEE)
        numero = (livrable.versions.aggregate(m=Max("numero"))["m"] or 0) + 1
        version = Version.objects.create(
            livrable=livrable,
            numero=numero,
            fichier=fichier,
            nom_fichier=nom_original(fichier),
            type_mime=type_mime,
            taille=fichier.size,
            note=p.commentaire,
            deposee_par=acteur,
            avis=AVIS[Action.DEPOT],
        )
        p.libelle = f"{livrable.nom} : version {numero} déposée"
        p.notifier(
            agents_du_service(livrable.atelier.candidature),
            f"Livrable à valider : {livrable.nom}",
            f"Le titulaire dépose la version {numero} du livrable « {livrable.nom} » "
            f"({version.nom_fichier}). Validez-la ou demandez une reprise.",
        )
    return version


def _donner_avis(p, commentaire):
    """The version waiting for an opinion gets the transition's."""
    version = p.objet.versions.select_for_update().get(avis=Version.Avis.EN_ATTENTE)
    version.avis = AVIS[p.transition.action]
    version.commentaire = p.commentaire = (commentaire or "").strip()
    version.avis_par = p.acteur
    version.avis_le = timezone.now()
    version.save(update_fields=["avis", "commentaire", "avis_par", "avis_le"])
    return version


def valider(acteur, livrable, commentaire=""):
    with LIVRABLE.passage(Action.VALIDATION, acteur, livrable) as p:
        version = _donner_avis(p, commentaire)
        livrable = p.objet
        p.libelle = f"{livrable.nom} : version {version.numero} validée"
        p.notifier(
            parties(livrable.atelier),
            f"Livrable validé : {livrable.nom}",
            f"La version {version.numero} du livrable « {livrable.nom} » est validée.\n\n"
            f"{version.commentaire}".strip(),
        )
    return version


def demander_reprise(acteur, livrable, commentaire):
    if not (commentaire or "").strip():
        raise TransitionRefusee("Dites au titulaire ce qu'il faut reprendre.")
    with LIVRABLE.passage(Action.REPRISE, acteur, livrable) as p:
        version = _donner_avis(p, commentaire)
        livrable = p.objet
        p.libelle = f"{livrable.nom} : version {version.numero} à reprendre"
        p.notifier(
            equipe_du_titulaire(livrable.atelier.titulaire),
            f"Livrable à reprendre : {livrable.nom}",
            f"La version {version.numero} du livrable « {livrable.nom} » est à reprendre :\n\n"
            f"{version.commentaire}",
        )
    return version

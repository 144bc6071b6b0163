"""Every change of state of a candidature: one function per transition.

Each function takes the acting user first, checks the rule in ``permissions`` on a locked
copy of the file, changes it in one transaction, writes the audit event and notifies the
people concerned (e-mails leave after the commit). A refused transition raises
``TransitionRefusee`` with a French message and changes nothing.

    intention ─┬─> brouillon (opportunité confirmée) ─> déposée ─> en instruction ─┬─> éligible
               └─> opportunité déclinée                              ⇅            └─> non éligible
                                                              complément demandé
    any open state ─> classée sans suite
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from comptes.models import Role
from documents import services as documents
from journal.models import enregistrer
from journal.transitions import (
    TransitionRefusee,
    changer_statut,
    exiger,
    verrouiller,
)
from notifications.services import notifier
from notifications.sujets import Sujet

from . import permissions
from .fiche import CHOIX_RUBRIQUES, elements_manquants, instantane
from .models import Candidature, DemandeComplement, Depot, StatutCandidature


class DepotIncomplet(TransitionRefusee):
    def __init__(self, manquants):
        self.manquants = manquants
        super().__init__(
            "Le dossier ne peut pas encore être déposé. Il manque : "
            + " ; ".join(message for _, message in manquants)
            + "."
        )


def _exiger_texte(texte, quoi):
    if not (texte or "").strip():
        raise TransitionRefusee(f"Indiquez {quoi}.")
    return texte.strip()


def _lien(cand):
    return reverse("candidatures:detail", args=[cand.pk])


def agents_du_service(cand):
    return get_user_model().objects.filter(
        organisation_id=cand.service_id, role=Role.AGENT, is_active=True
    )


def instructeurs(cand):
    """The assigned instructeur, or every instructeur while nobody has taken the file."""
    User = get_user_model()
    if cand.instructeur_id:
        return User.objects.filter(pk=cand.instructeur_id, is_active=True)
    return User.objects.filter(role=Role.INSTRUCTEUR, is_active=True)


def _notifier_service(cand, acteur, titre, texte, evenement):
    notifier(agents_du_service(cand), titre, texte, _lien(cand), auteur=acteur, evenement=evenement)


def _notifier_dgaln(cand, acteur, titre, texte, evenement):
    notifier(instructeurs(cand), titre, texte, _lien(cand), auteur=acteur, evenement=evenement)


@transaction.atomic
def declarer_intention(acteur, *, titre, echelle, description="", communes=(), epci=None):
    """An agent declares an intention of candidature for their service (steps 1–2)."""
    if not (acteur.is_authenticated and acteur.is_active and acteur.est_agent):
        raise TransitionRefusee(
            "Seuls les agents d'un service déconcentré déclarent une intention."
        )
    if not communes and epci is None:
        raise TransitionRefusee("Indiquez le territoire : au moins une commune ou un EPCI.")
    cand = Candidature.objects.create(
        titre=_exiger_texte(titre, "le titre du projet"),
        description=description,
        echelle=echelle,
        epci=epci,
        annee=timezone.localdate().year,
        statut=StatutCandidature.INTENTION,
        service=acteur.organisation,
        cree_par=acteur,
    )
    cand.communes.set(communes)
    cand.mettre_a_jour_recherche()
    enregistrer(cand, acteur, "intention", "Intention de candidature déclarée", "", cand.statut)
    _notifier_dgaln(
        cand,
        acteur,
        f"Nouvelle intention de candidature : {cand.titre}",
        f"{acteur.organisation} déclare une intention de candidature ({cand.territoire()}). "
        "Confirmez ou déclinez l'opportunité.",
        Sujet.INTENTION,
    )
    return cand


@transaction.atomic
def confirmer_opportunite(acteur, candidature, commentaire=""):
    cand = verrouiller(candidature)
    exiger(permissions.peut_statuer_opportunite(acteur, cand))
    changer_statut(
        cand,
        acteur,
        StatutCandidature.BROUILLON,
        "opportunite_confirmee",
        "Opportunité confirmée : la fiche de candidature est ouverte",
        commentaire,
    )
    _notifier_service(
        cand,
        acteur,
        f"Opportunité confirmée : {cand.titre}",
        "La DGALN confirme l'opportunité de la candidature. Vous pouvez remplir la fiche "
        "de candidature avec la collectivité." + (f"\n\n{commentaire}" if commentaire else ""),
        Sujet.OPPORTUNITE,
    )
    return cand


@transaction.atomic
def decliner_opportunite(acteur, candidature, motif):
    cand = verrouiller(candidature)
    exiger(permissions.peut_statuer_opportunite(acteur, cand))
    motif = _exiger_texte(motif, "le motif")
    cand.motif_decision = motif
    cand.date_decision = timezone.now()
    changer_statut(
        cand,
        acteur,
        StatutCandidature.OPPORTUNITE_DECLINEE,
        "opportunite_declinee",
        "Opportunité déclinée",
        motif,
        champs=("motif_decision", "date_decision"),
    )
    _notifier_service(
        cand,
        acteur,
        f"Opportunité déclinée : {cand.titre}",
        f"Motif de la DGALN :\n{motif}",
        Sujet.OPPORTUNITE,
    )
    return cand


@transaction.atomic
def deposer(acteur, candidature):
    """Deposit the file (or deposit it again after a complement): step 7."""
    cand = verrouiller(candidature)
    exiger(permissions.peut_deposer(acteur, cand))
    manquants = elements_manquants(cand)
    if manquants:
        raise DepotIncomplet(manquants)
    maintenant = timezone.now()
    numero = f"{cand.reference}-D{cand.depots.count() + 1}"
    depot = Depot.objects.create(
        candidature=cand, numero=numero, auteur=acteur, instantane=instantane(cand)
    )
    if cand.statut == StatutCandidature.COMPLEMENT_DEMANDE:
        cand.demandes_complement.filter(levee_le__isnull=True).update(levee_le=maintenant)
        apres, libelle = StatutCandidature.EN_INSTRUCTION, "Dossier complété et déposé à nouveau"
        titre = f"Dossier complété : {cand.titre}"
    else:
        apres, libelle = StatutCandidature.DEPOSEE, "Dossier déposé"
        titre = f"Nouveau dossier déposé : {cand.titre}"
        cand.date_premier_depot = maintenant
    cand.date_dernier_depot = maintenant
    changer_statut(
        cand,
        acteur,
        apres,
        "depot",
        f"{libelle} (récépissé {numero})",
        champs=("date_premier_depot", "date_dernier_depot"),
    )
    _notifier_dgaln(
        cand,
        acteur,
        titre,
        f"{cand.service} a déposé le dossier « {cand.titre} » ({cand.territoire()}), "
        f"récépissé {numero}.",
        Sujet.DEPOT,
    )
    # The deposit receipt, rendered in the queue once this commits.
    documents.demander(acteur, "recapitulatif_candidature", depot)
    return cand


@transaction.atomic
def prendre_en_charge(acteur, candidature, instructeur=None):
    """Assign the file to ``instructeur`` (the actor by default); a deposited file enters
    instruction."""
    cand = verrouiller(candidature)
    exiger(permissions.peut_prendre_en_charge(acteur, cand))
    instructeur = instructeur or acteur
    if not (instructeur.is_active and instructeur.est_dgaln):
        raise TransitionRefusee("Le dossier ne peut être confié qu'à un agent de la DGALN.")
    cand.instructeur = instructeur
    libelle = (
        "Dossier pris en charge par " + str(instructeur)
        if instructeur == acteur
        else f"Dossier confié à {instructeur}"
    )
    if cand.statut == StatutCandidature.DEPOSEE:
        changer_statut(
            cand,
            acteur,
            StatutCandidature.EN_INSTRUCTION,
            "prise_en_charge",
            libelle,
            champs=("instructeur",),
        )
    else:
        cand.save(update_fields=["instructeur", "modifie_le"])
        enregistrer(cand, acteur, "prise_en_charge", libelle, cand.statut, cand.statut)
    if instructeur != acteur:
        notifier(
            [instructeur],
            f"Dossier confié : {cand.titre}",
            f"{acteur} vous confie l'instruction du dossier « {cand.titre} ».",
            _lien(cand),
            auteur=acteur,
            evenement=Sujet.INSTRUCTION,
        )
    return cand


@transaction.atomic
def demander_complement(acteur, candidature, *, message, rubriques, echeance=None):
    cand = verrouiller(candidature)
    exiger(permissions.peut_demander_complement(acteur, cand))
    message = _exiger_texte(message, "ce qui manque au dossier")
    codes = dict(CHOIX_RUBRIQUES)
    rubriques = [r for r in rubriques if r in codes]
    if not rubriques:
        raise TransitionRefusee("Choisissez au moins une rubrique que le service pourra compléter.")
    if echeance and echeance < timezone.localdate():
        raise TransitionRefusee("L'échéance ne peut pas être dans le passé.")
    DemandeComplement.objects.create(
        candidature=cand, auteur=acteur, message=message, rubriques=rubriques, echeance=echeance
    )
    if cand.instructeur_id is None:
        cand.instructeur = acteur
    changer_statut(
        cand,
        acteur,
        StatutCandidature.COMPLEMENT_DEMANDE,
        "complement_demande",
        "Complément demandé",
        message,
        champs=("instructeur",),
    )
    a_completer = ", ".join(codes[r] for r in rubriques)
    texte = (
        f"La DGALN demande un complément.\n\n{message}\n\nRubriques à compléter : {a_completer}."
    )
    if echeance:
        texte += f"\nÀ compléter avant le {echeance:%d/%m/%Y}."
    _notifier_service(cand, acteur, f"Complément demandé : {cand.titre}", texte, Sujet.COMPLEMENT)
    return cand


def _decider(acteur, candidature, statut, action, libelle, motif):
    cand = verrouiller(candidature)
    exiger(permissions.peut_decider(acteur, cand))
    motif = _exiger_texte(motif, "le motif de la décision")
    cand.motif_decision = motif
    cand.date_decision = timezone.now()
    changer_statut(
        cand, acteur, statut, action, libelle, motif, champs=("motif_decision", "date_decision")
    )
    _notifier_service(
        cand,
        acteur,
        f"{libelle} : {cand.titre}",
        f"{libelle} par la DGALN.\n\nMotif :\n{motif}",
        Sujet.DECISION,
    )
    documents.demander(acteur, "decision_eligibilite", cand)
    return cand


@transaction.atomic
def declarer_eligible(acteur, candidature, motif):
    return _decider(
        acteur, candidature, StatutCandidature.ELIGIBLE, "eligible", "Dossier éligible", motif
    )


@transaction.atomic
def declarer_non_eligible(acteur, candidature, motif):
    return _decider(
        acteur,
        candidature,
        StatutCandidature.NON_ELIGIBLE,
        "non_eligible",
        "Dossier non éligible",
        motif,
    )


@transaction.atomic
def classer_sans_suite(acteur, candidature, motif):
    """The DGALN closes the file, or the service withdraws it."""
    cand = verrouiller(candidature)
    exiger(permissions.peut_classer_sans_suite(acteur, cand))
    motif = _exiger_texte(motif, "le motif")
    cand.motif_decision = motif
    cand.date_decision = timezone.now()
    par_le_service = permissions.est_du_service(acteur, cand)
    changer_statut(
        cand,
        acteur,
        StatutCandidature.SANS_SUITE,
        "sans_suite",
        "Dossier retiré par le service" if par_le_service else "Dossier classé sans suite",
        motif,
        champs=("motif_decision", "date_decision"),
    )
    titre = f"Dossier classé sans suite : {cand.titre}"
    if par_le_service:
        texte = f"Le service retire son dossier.\n\n{motif}"
        _notifier_dgaln(cand, acteur, titre, texte, Sujet.DECISION)
        texte = f"{acteur} a retiré le dossier.\n\n{motif}"
        _notifier_service(cand, acteur, titre, texte, Sujet.DECISION)
    else:
        texte = f"Motif de la DGALN :\n{motif}"
        _notifier_service(cand, acteur, titre, texte, Sujet.DECISION)
    return cand

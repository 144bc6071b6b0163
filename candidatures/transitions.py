"""Every change of state of a candidature: one function per transition of its table.

Each function takes the acting user first and applies its row of ``workflow.CANDIDATURE``
(lock, state, party and rule checked, change, journal, notifications, document, in one
transaction), adding what is particular to it. A refused transition raises
``TransitionRefusee`` with a French message and changes nothing.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from comptes.models import Role
from journal.transitions import TransitionRefusee

from . import permissions
from .fiche import CHOIX_RUBRIQUES, elements_manquants, instantane
from .models import Candidature, DemandeComplement, Depot, StatutCandidature
from .workflow import CANDIDATURE, Action


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


def declarer_intention(acteur, *, titre, echelle, description="", communes=(), epci=None):
    """An agent declares an intention of candidature for their service (steps 1–2)."""
    if not (acteur.is_authenticated and acteur.is_active and acteur.est_agent):
        raise TransitionRefusee(CANDIDATURE[Action.INTENTION].refus)
    if not communes and epci is None:
        raise TransitionRefusee("Indiquez le territoire : au moins une commune ou un EPCI.")
    with transaction.atomic():
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
        with CANDIDATURE.naissance(Action.INTENTION, acteur, cand) as p:
            p.notifier(
                instructeurs(cand),
                f"Nouvelle intention de candidature : {cand.titre}",
                f"{acteur.organisation} déclare une intention de candidature "
                f"({cand.territoire()}). Confirmez ou déclinez l'opportunité.",
            )
    return cand


def _decider_opportunite(acteur, cand, action, motif, texte):
    with CANDIDATURE.passage(action, acteur, cand, motif) as p:
        cand = p.objet
        if action == Action.OPPORTUNITE_DECLINEE:
            p.commentaire = _exiger_texte(motif, "le motif")
            cand.motif_decision = p.commentaire
            cand.date_decision = timezone.now()
            p.champs += ["motif_decision", "date_decision"]
        else:
            p.libelle = "Opportunité confirmée : la fiche de candidature est ouverte"
        p.notifier(
            agents_du_service(cand),
            f"{action.label} : {cand.titre}",
            texte + (f"\n\n{p.commentaire}" if p.commentaire else ""),
        )
    return cand


def confirmer_opportunite(acteur, candidature, commentaire=""):
    return _decider_opportunite(
        acteur,
        candidature,
        Action.OPPORTUNITE_CONFIRMEE,
        commentaire,
        "La DGALN confirme l'opportunité de la candidature. Vous pouvez remplir la fiche "
        "de candidature avec la collectivité.",
    )


def decliner_opportunite(acteur, candidature, motif):
    return _decider_opportunite(
        acteur, candidature, Action.OPPORTUNITE_DECLINEE, motif, "Motif de la DGALN :"
    )


def deposer(acteur, candidature):
    """Deposit the file (or deposit it again after a complement): step 7."""
    with CANDIDATURE.passage(Action.DEPOT, acteur, candidature) as p:
        cand = p.objet
        manquants = elements_manquants(cand)
        if manquants:
            raise DepotIncomplet(manquants)
        maintenant = timezone.now()
        numero = f"{cand.reference}-D{cand.depots.count() + 1}"
        p.document_de = Depot.objects.create(
            candidature=cand, numero=numero, auteur=acteur, instantane=instantane(cand)
        )
        if p.avant == StatutCandidature.COMPLEMENT_DEMANDE:
            cand.demandes_complement.filter(levee_le__isnull=True).update(levee_le=maintenant)
            libelle, titre = (
                "Dossier complété et déposé à nouveau",
                f"Dossier complété : {cand.titre}",
            )
        else:
            libelle, titre = "Dossier déposé", f"Nouveau dossier déposé : {cand.titre}"
            cand.date_premier_depot = maintenant
        cand.date_dernier_depot = maintenant
        p.champs += ["date_premier_depot", "date_dernier_depot"]
        p.libelle = f"{libelle} (récépissé {numero})"
        p.notifier(
            instructeurs(cand),
            titre,
            f"{cand.service} a déposé le dossier « {cand.titre} » ({cand.territoire()}), "
            f"récépissé {numero}.",
        )
    return cand


def prendre_en_charge(acteur, candidature, instructeur=None):
    """Assign the file to ``instructeur`` (the actor by default); a deposited file enters
    instruction."""
    with CANDIDATURE.passage(Action.PRISE_EN_CHARGE, acteur, candidature) as p:
        cand = p.objet
        instructeur = instructeur or acteur
        if not (instructeur.is_active and instructeur.est_dgaln):
            raise TransitionRefusee("Le dossier ne peut être confié qu'à un agent de la DGALN.")
        cand.instructeur = instructeur
        p.champs.append("instructeur")
        p.libelle = (
            f"Dossier pris en charge par {instructeur}"
            if instructeur == acteur
            else f"Dossier confié à {instructeur}"
        )
        if instructeur != acteur:
            p.notifier(
                [instructeur],
                f"Dossier confié : {cand.titre}",
                f"{acteur} vous confie l'instruction du dossier « {cand.titre} ».",
            )
    return cand


def demander_complement(acteur, candidature, *, message, rubriques, echeance=None):
    with CANDIDATURE.passage(Action.COMPLEMENT_DEMANDE, acteur, candidature) as p:
        cand = p.objet
        p.commentaire = message = _exiger_texte(message, "ce qui manque au dossier")
        codes = dict(CHOIX_RUBRIQUES)
        rubriques = [r for r in rubriques if r in codes]
        if not rubriques:
            raise TransitionRefusee(
                "Choisissez au moins une rubrique que le service pourra compléter."
            )
        if echeance and echeance < timezone.localdate():
            raise TransitionRefusee("L'échéance ne peut pas être dans le passé.")
        DemandeComplement.objects.create(
            candidature=cand, auteur=acteur, message=message, rubriques=rubriques, echeance=echeance
        )
        if cand.instructeur_id is None:
            cand.instructeur = acteur
        p.champs.append("instructeur")
        a_completer = ", ".join(codes[r] for r in rubriques)
        texte = (
            f"La DGALN demande un complément.\n\n{message}\n\n"
            f"Rubriques à compléter : {a_completer}."
        )
        if echeance:
            texte += f"\nÀ compléter avant le {echeance:%d/%m/%Y}."
        p.notifier(agents_du_service(cand), f"Complément demandé : {cand.titre}", texte)
    return cand


def _decider(acteur, candidature, action, motif):
    with CANDIDATURE.passage(action, acteur, candidature) as p:
        cand = p.objet
        p.commentaire = _exiger_texte(motif, "le motif de la décision")
        cand.motif_decision = p.commentaire
        cand.date_decision = timezone.now()
        p.champs += ["motif_decision", "date_decision"]
        p.notifier(
            agents_du_service(cand),
            f"{action.label} : {cand.titre}",
            f"{action.label} par la DGALN.\n\nMotif :\n{p.commentaire}",
        )
    return cand


def declarer_eligible(acteur, candidature, motif):
    return _decider(acteur, candidature, Action.ELIGIBLE, motif)


def declarer_non_eligible(acteur, candidature, motif):
    return _decider(acteur, candidature, Action.NON_ELIGIBLE, motif)


def classer_sans_suite(acteur, candidature, motif):
    """The DGALN closes the file, or the service withdraws it."""
    with CANDIDATURE.passage(Action.SANS_SUITE, acteur, candidature) as p:
        cand = p.objet
        p.commentaire = motif = _exiger_texte(motif, "le motif")
        cand.motif_decision = motif
        cand.date_decision = timezone.now()
        p.champs += ["motif_decision", "date_decision"]
        titre = f"Dossier classé sans suite : {cand.titre}"
        if permissions.est_du_service(acteur, cand):
            p.libelle = "Dossier retiré par le service"
            p.notifier(instructeurs(cand), titre, f"Le service retire son dossier.\n\n{motif}")
            p.notifier(agents_du_service(cand), titre, f"{acteur} a retiré le dossier.\n\n{motif}")
        else:
            p.notifier(agents_du_service(cand), titre, f"Motif de la DGALN :\n{motif}")
    return cand

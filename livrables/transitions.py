"""Every change of a livrable, one function each, taking the acting user first.

    attendu ─> à valider ─> validé
                  │  ↑
                  ↓  │ (a new version)
               à reprendre

The service records the expected livrables; the titulaire uploads versions (every version is
kept, a pending one is superseded by the next); the service or the DGALN validates the version
waiting for an opinion or sends it back with a comment. Each change locks the livrable's row,
checks the rule of ``permissions`` again, writes the audit event and tells the other party.
"""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from ateliers import permissions as permissions_atelier
from ateliers.destinataires import prevenir
from journal.models import enregistrer
from journal.transitions import TransitionRefusee, changer_statut, exiger, verrouiller
from notifications.sujets import Sujet
from socle.fichiers import FORMATS_LIVRABLES, nom_original, valider_fichier

from . import permissions
from .models import Livrable, StatutLivrable, Type, Version


def lien(livrable):
    return reverse("livrables:detail", args=[livrable.pk])


def _verifier(type_livrable, intitule, echeance):
    if type_livrable not in Type.values:
        raise TransitionRefusee("Choisissez le type de livrable.")
    if type_livrable == Type.AUTRE and not intitule.strip():
        raise TransitionRefusee("Donnez un intitulé au livrable « Autre ».")
    if echeance is None:
        raise TransitionRefusee("Indiquez l'échéance du livrable.")


@transaction.atomic
def ajouter(acteur, atelier, type_livrable, echeance, intitule=""):
    """The service records a livrable agreed with the titulaire."""
    exiger(permissions_atelier.peut_definir_livrables(acteur, atelier))
    _verifier(type_livrable, intitule, echeance)
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
    enregistrer(
        livrable,
        acteur,
        "creation",
        f"Livrable attendu : {livrable.nom}, pour le {echeance:%d/%m/%Y}",
        "",
        livrable.statut,
    )
    prevenir(
        atelier,
        acteur,
        f"Livrable attendu : {livrable.nom}",
        f"Le service pilote attend le livrable « {livrable.nom} » ({livrable.famille.lower()}) "
        f"pour le {echeance:%d/%m/%Y}.",
        "titulaire",
        lien(livrable),
        evenement=Sujet.LIVRABLE_ATTENDU,
    )
    return livrable


@transaction.atomic
def modifier(acteur, livrable, echeance, intitule=""):
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
            "echeance",
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
    """Remove an expected livrable recorded by mistake (never one with a version)."""
    livrable = verrouiller(livrable)
    exiger(permissions.peut_retirer(acteur, livrable))
    atelier = livrable.atelier
    enregistrer(atelier, acteur, "livrable_retire", f"Livrable retiré : {livrable.nom}")
    livrable.delete()


@transaction.atomic
def deposer(acteur, livrable, fichier, note=""):
    """The titulaire uploads a new version: it waits for the service's opinion."""
    exiger(permissions.peut_deposer(acteur, livrable))
    type_mime = valider_fichier(fichier, FORMATS_LIVRABLES)
    livrable = verrouiller(livrable)
    exiger(permissions.peut_deposer(acteur, livrable))
    livrable.versions.filter(avis=Version.Avis.EN_ATTENTE).update(avis=Version.Avis.REMPLACEE)
    numero = (livrable.versions.aggregate(m=Max("numero"))["m"] or 0) + 1
    version = Version.objects.create(
        livrable=livrable,
        numero=numero,
        fichier=fichier,
        nom_fichier=nom_original(fichier),
        type_mime=type_mime,
        taille=fichier.size,
        note=(note or "").strip(),
        deposee_par=acteur,
    )
    changer_statut(
        livrable,
        acteur,
        StatutLivrable.DEPOSE,
        "depot",
        f"{livrable.nom} : version {numero} déposée",
        version.note,
    )
    prevenir(
        livrable.atelier,
        acteur,
        f"Livrable à valider : {livrable.nom}",
        f"Le titulaire dépose la version {numero} du livrable « {livrable.nom} » "
        f"({version.nom_fichier}). Validez-la ou demandez une reprise.",
        "service",
        lien(livrable),
        evenement=Sujet.LIVRABLE_DEPOSE,
    )
    return version


def _version_en_attente(livrable):
    return livrable.versions.select_for_update().get(avis=Version.Avis.EN_ATTENTE)


@transaction.atomic
def valider(acteur, livrable, commentaire=""):
    livrable = verrouiller(livrable)
    exiger(permissions.peut_statuer(acteur, livrable))
    version = _version_en_attente(livrable)
    version.avis = Version.Avis.VALIDEE
    version.commentaire = (commentaire or "").strip()
    version.avis_par = acteur
    version.avis_le = timezone.now()
    version.save(update_fields=["avis", "commentaire", "avis_par", "avis_le"])
    changer_statut(
        livrable,
        acteur,
        StatutLivrable.VALIDE,
        "validation",
        f"{livrable.nom} : version {version.numero} validée",
        version.commentaire,
    )
    prevenir(
        livrable.atelier,
        acteur,
        f"Livrable validé : {livrable.nom}",
        f"La version {version.numero} du livrable « {livrable.nom} » est validée.\n\n"
        f"{version.commentaire}".strip(),
        "tous",
        lien(livrable),
        evenement=Sujet.LIVRABLE_VALIDE,
    )
    return version


@transaction.atomic
def demander_reprise(acteur, livrable, commentaire):
    commentaire = (commentaire or "").strip()
    if not commentaire:
        raise TransitionRefusee("Dites au titulaire ce qu'il faut reprendre.")
    livrable = verrouiller(livrable)
    exiger(permissions.peut_statuer(acteur, livrable))
    version = _version_en_attente(livrable)
    version.avis = Version.Avis.A_REPRENDRE
    version.commentaire = commentaire
    version.avis_par = acteur
    version.avis_le = timezone.now()
    version.save(update_fields=["avis", "commentaire", "avis_par", "avis_le"])
    changer_statut(
        livrable,
        acteur,
        StatutLivrable.A_REPRENDRE,
        "reprise",
        f"{livrable.nom} : version {version.numero} à reprendre",
        commentaire,
    )
    prevenir(
        livrable.atelier,
        acteur,
        f"Livrable à reprendre : {livrable.nom}",
        f"La version {version.numero} du livrable « {livrable.nom} » est à reprendre :\n\n"
        f"{commentaire}",
        "titulaire",
        lien(livrable),
        evenement=Sujet.LIVRABLE_RENVOYE,
    )
    return version

"""Writes on the feuille de route and the fiche synthétique (the titulaire's content, not
changes of state). Each takes the acting user and checks ``ateliers.permissions.peut_rediger``.
"""

from django.db import transaction
from django.db.models import Max

from antivirus.models import EtatAnalyse
from ateliers.permissions import peut_rediger
from journal.transitions import TransitionRefusee, exiger
from socle.fichiers import (
    FORMATS_IMAGES,
    nom_original,
    supprimer_apres_validation,
    valider_fichier,
)

from .models import ActionCle, Axe, FicheSynthetique, ImageFiche
from .validation_fiche import peut_modifier as peut_modifier_fiche

CHAMPS_AXE = ("titre", "description")
CHAMPS_ACTION = ("intitule", "description", "thematique", "priorite", "porteur", "cout_estime")
CHAMPS_FICHE = (
    "annee",
    "territoire",
    "maitrise_ouvrage",
    "contexte",
    "enjeux",
    "productions",
    "suites",
)


def _affecter(objet, champs, autorises):
    inconnus = set(champs) - set(autorises)
    if inconnus:
        raise TypeError(f"Champs non modifiables : {sorted(inconnus)}")
    for nom, valeur in champs.items():
        setattr(objet, nom, valeur.strip() if isinstance(valeur, str) else valeur)


def _suivant(queryset):
    return (queryset.aggregate(m=Max("ordre"))["m"] or 0) + 1


@transaction.atomic
def enregistrer_axe(acteur, atelier, axe=None, **champs):
    """Create an axe (``axe=None``) or change it."""
    exiger(peut_rediger(acteur, atelier))
    if axe is None:
        axe = Axe(atelier=atelier, ordre=_suivant(atelier.axes))
    elif axe.atelier_id != atelier.pk:
        raise TransitionRefusee("Cet axe n'appartient pas à cet atelier.")
    _affecter(axe, champs, CHAMPS_AXE)
    if not axe.titre:
        raise TransitionRefusee("Donnez un titre à l'axe.")
    axe.save()
    return axe


@transaction.atomic
def supprimer_axe(acteur, axe):
    exiger(peut_rediger(acteur, axe.atelier))
    axe.delete()


@transaction.atomic
def enregistrer_action(acteur, axe, action=None, **champs):
    """Create a key action in ``axe`` (``action=None``) or change it."""
    exiger(peut_rediger(acteur, axe.atelier))
    if action is None:
        action = ActionCle(axe=axe, ordre=_suivant(axe.actions))
    elif action.axe_id != axe.pk:
        raise TransitionRefusee("Cette action n'appartient pas à cet axe.")
    _affecter(action, champs, CHAMPS_ACTION)
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def supprimer_action(acteur, action):
    exiger(peut_rediger(acteur, action.axe.atelier))
    action.delete()


def fiche_initiale(atelier):
    """The fiche as it first shows: the identity card filled from the file (not saved)."""
    cand = atelier.candidature
    return FicheSynthetique(
        atelier=atelier,
        annee=(cand.periode_debut.year if cand.periode_debut else atelier.cree_le.year),
        territoire=cand.territoire(),
        maitrise_ouvrage=f"{atelier.service_pilote}",
        contexte=cand.description,
        enjeux=cand.enjeux,
    )


def fiche_de(atelier):
    """The saved fiche, or the initial one."""
    try:
        return atelier.fiche_synthetique
    except FicheSynthetique.DoesNotExist:
        return fiche_initiale(atelier)


@transaction.atomic
def enregistrer_fiche(acteur, atelier, **champs):
    fiche = fiche_de(atelier)
    exiger(peut_modifier_fiche(acteur, atelier, fiche))
    _affecter(fiche, champs, CHAMPS_FICHE)
    fiche.modifie_par = acteur
    fiche.save()
    return fiche


@transaction.atomic
def ajouter_image(acteur, atelier, fichier, legende, credit=""):
    exiger(peut_modifier_fiche(acteur, atelier, fiche_de(atelier)))
    if not (legende or "").strip():
        raise TransitionRefusee(
            "Décrivez l'image dans sa légende : elle est lue aux personnes qui ne la voient pas."
        )
    type_mime = valider_fichier(fichier, FORMATS_IMAGES)
    fiche = fiche_de(atelier)
    if fiche.pk is None:
        fiche.modifie_par = acteur
        fiche.save()
    else:
        fiche = FicheSynthetique.objects.select_for_update().get(pk=fiche.pk)
    # A refused image (virus) does not take a place: its file is gone.
    if fiche.images.exclude(analyse=EtatAnalyse.INFECTE).count() >= FicheSynthetique.IMAGES_MAX:
        raise TransitionRefusee(
            f"La fiche compte déjà {FicheSynthetique.IMAGES_MAX} images, le maximum : "
            "retirez-en une pour en ajouter une autre."
        )
    return ImageFiche.objects.create(
        fiche=fiche,
        fichier=fichier,
        nom_fichier=nom_original(fichier),
        type_mime=type_mime,
        taille=fichier.size,
        legende=legende.strip(),
        credit=(credit or "").strip(),
    )


@transaction.atomic
def retirer_image(acteur, image):
    exiger(peut_modifier_fiche(acteur, image.fiche.atelier, image.fiche))
    image.delete()
    supprimer_apres_validation(image.fichier)

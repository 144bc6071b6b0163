"""Writes on an atelier that are not changes of state: the draft of the on-site programme and
the thread's messages. Each takes the acting user and checks the rule in ``permissions``."""

from django.db import transaction

from journal.transitions import TransitionRefusee, exiger, verrouiller
from notifications.sujets import Sujet

from . import permissions
from .destinataires import lien_atelier, prevenir
from .models import MessageAtelier
from .transitions import CHAMPS_PROGRAMME, verifier_jours


@transaction.atomic
def modifier_programme(acteur, atelier, **champs):
    """The titulaire drafts the on-site programme."""
    inconnus = set(champs) - set(CHAMPS_PROGRAMME)
    if inconnus:
        raise TypeError(f"Champs non modifiables : {sorted(inconnus)}")
    atelier = verrouiller(atelier)
    programme = atelier.programme
    exiger(permissions.peut_modifier_programme(acteur, atelier, programme))
    for nom, valeur in champs.items():
        setattr(programme, nom, valeur.strip() if isinstance(valeur, str) else valeur)
    verifier_jours(programme.premier_jour, programme.dernier_jour)
    programme.save()
    return programme


@transaction.atomic
def ecrire(acteur, atelier, texte):
    texte = (texte or "").strip()
    if not texte:
        raise TransitionRefusee("Le message est vide.")
    exiger(permissions.peut_ecrire(acteur, atelier))
    message = MessageAtelier.objects.create(atelier=atelier, auteur=acteur, texte=texte)
    prevenir(
        atelier,
        acteur,
        f"Nouveau message : {atelier.candidature.titre}",
        f"{acteur} ({acteur.organisation}) écrit :\n\n{texte}",
        lien=lien_atelier(atelier) + "#messages",
        evenement=Sujet.MESSAGE,
    )
    return message

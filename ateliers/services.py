"""Writes on an atelier that are not changes of state: the draft of the on-site programme, the
thread's messages and the collectivité's checklist for the on-site days. Each takes the acting
user and checks the rule in ``permissions``."""

from django.db import transaction
from django.utils import timezone

from journal.models import enregistrer
from journal.transitions import TransitionRefusee, exiger, verrouiller
from notifications.sujets import Sujet

from . import permissions
from .destinataires import lien_atelier, prevenir
from .models import EngagementCollectivite, MessageAtelier
from .transitions import CHAMPS_PROGRAMME, verifier_jours
from .workflow import Journal


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
        qui="fil",
        lien=lien_atelier(atelier) + "#messages",
        evenement=Sujet.MESSAGE,
    )
    return message


@transaction.atomic
def cocher_engagement(acteur, atelier, engagement, fait):
    """The collectivité (or the service on its behalf) ticks an engagement off (``fait``) or
    unticks it; ticking what is ticked already changes nothing and records nothing."""
    atelier = verrouiller(atelier)
    exiger(permissions.peut_cocher_engagement(acteur, atelier))
    engagement = EngagementCollectivite.objects.select_for_update().get(
        pk=engagement.pk, atelier=atelier
    )
    if engagement.est_fait == fait:
        return engagement
    avant = "fait" if engagement.est_fait else "à faire"
    engagement.fait_le, engagement.fait_par = (timezone.now(), acteur) if fait else (None, None)
    engagement.save(update_fields=["fait_le", "fait_par"])
    code = Journal.ENGAGEMENT_FAIT if fait else Journal.ENGAGEMENT_REPRIS
    enregistrer(
        atelier,
        acteur,
        code,
        f"{code.label} : « {engagement.libelle} »",
        avant,
        "fait" if fait else "à faire",
    )
    return engagement

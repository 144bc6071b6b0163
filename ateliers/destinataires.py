"""Who follows an atelier, and how they are told of a change: the service's agents, the
titulaire's team (every company of its groupement), the file's instructeur; the members of
the collectivité co-porteur are told of the thread's messages (``du_fil``), not of the
execution (bons, versions).

The transitions of the atelier, of its bons de commande and of its livrables all notify
through ``prevenir``.
"""

from django.urls import reverse

from candidatures.coporteurs import membres
from candidatures.transitions import agents_du_service
from marches.models import equipe_des_groupements
from notifications.services import notifier


def equipe_du_titulaire(titulaire):
    """Prestataire users of every company of the groupement."""
    return equipe_des_groupements([titulaire])


def lien_atelier(atelier):
    return reverse("ateliers:detail", args=[atelier.pk])


def parties(atelier):
    """Everyone who follows the atelier: the service's agents, the titulaire's team and the
    file's instructeur."""
    cand = atelier.candidature
    personnes = list(agents_du_service(cand)) + list(equipe_du_titulaire(atelier.titulaire))
    if cand.instructeur_id:
        personnes.append(cand.instructeur)
    return personnes


def du_fil(atelier):
    """Who is told of a message in the atelier's thread: everyone who follows the atelier and
    the members of the collectivité co-porteur of its file."""
    return parties(atelier) + list(membres(atelier.candidature))


def prevenir(atelier, acteur, titre, texte, qui="tous", lien=None, *, evenement):
    """Notify the service (``qui="service"``), the titulaire (``"titulaire"``), everyone who
    follows the atelier (``"tous"``) or them and the collectivité (``"fil"``)."""
    if qui == "fil":
        destinataires = du_fil(atelier)
    elif qui == "service":
        destinataires = agents_du_service(atelier.candidature)
    elif qui == "titulaire":
        destinataires = equipe_du_titulaire(atelier.titulaire)
    else:
        destinataires = parties(atelier)
    notifier(
        destinataires, titre, texte, lien or lien_atelier(atelier), acteur, evenement=evenement
    )

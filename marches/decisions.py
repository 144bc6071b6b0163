"""Changing the tourniquet itself: the titulaires' order, or a titulaire set aside from every
proposal (or brought back), decided by a DGALN administrator with a reason.

Once the rotation has served, its order is evidence that each atelier went to the titulaire
the announced rule gave. It then changes only here: the accord-cadre is locked, the change is
written to the ledger as a ``DecisionTourniquet`` (ranks and state before and after, replayed
by ``tourniquet.verifier``) and to the audit journal, and the people concerned are told.

The rotation goes on after the titulaire served last: its new rank becomes the pointer, and
the turns owed follow their titulaires to their new ranks.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.urls import reverse

from comptes.models import ROLES_DGALN, Role
from journal.models import enregistrer
from journal.transitions import TransitionRefusee
from notifications.services import notifier
from notifications.sujets import Sujet

from .models import (
    AccordCadre,
    DecisionTourniquet,
    Titulaire,
    equipe_des_groupements,
    numero_du_dernier_tour,
)

ACTION = "tourniquet_decision"


def _ligne(titulaire):
    return [titulaire.pk, titulaire.rang, titulaire.actif]


def suite_de_l_etat(etat, avant, apres):
    """The rotation's ``{"pointeur", "dus"}`` once the ranks ``avant`` became ``apres``
    (lists of ``[pk, rang, actif]``): each rank follows its titulaire."""
    pk_du_rang = {rang: pk for pk, rang, _ in avant}
    rang_du_pk = {pk: rang for pk, rang, _ in apres}

    def suivre(rang):
        return rang_du_pk.get(pk_du_rang.get(rang), rang)

    return {
        "pointeur": suivre(etat["pointeur"]) if etat["pointeur"] else 0,
        "dus": [[suivre(r), n] for r, n in etat["dus"]],
    }


def _libelle(titulaires, avant, apres):
    noms = {t.pk: t.nom for t in titulaires}
    a = {pk: (rang, actif) for pk, rang, actif in avant}
    parties = []
    if [pk for pk, _, _ in avant] != [pk for pk, _, _ in apres] or any(
        a[pk][0] != rang for pk, rang, _ in apres
    ):
        ordre = ", ".join(f"{rang}. {noms[pk]}" for pk, rang, _ in apres)
        parties.append(f"Ordre du tourniquet changé : {ordre}")
    for pk, _, actif in apres:
        if actif != a[pk][1]:
            parties.append(
                f"« {noms[pk]} » "
                + ("réintégré dans le tourniquet" if actif else "mis à l’écart du tourniquet")
            )
    return " ; ".join(parties)


def _refuser_si_invalide(titulaires, choix):
    if set(choix) != {t.pk for t in titulaires}:
        raise TransitionRefusee(
            "La liste des titulaires a changé depuis l'affichage de la page : rechargez-la."
        )
    rangs = [rang for rang, _ in choix.values()]
    if any(r < 1 for r in rangs):
        raise TransitionRefusee("Chaque rang est un entier à partir de 1.")
    doublons = sorted({r for r in rangs if rangs.count(r) > 1})
    if doublons:
        raise TransitionRefusee(
            "Deux titulaires ne peuvent pas avoir le même rang (rang "
            + ", ".join(map(str, doublons))
            + ")."
        )


@transaction.atomic
def modifier_tourniquet(acteur, accord_cadre, choix, motif):
    """Give each titulaire of ``accord_cadre`` the ``(rang, actif)`` of ``choix`` (keyed by
    the titulaire's pk), for ``motif``. Returns the ``DecisionTourniquet``."""
    if not (acteur.is_superuser or acteur.role == Role.ADMINISTRATEUR):
        raise TransitionRefusee(
            "Seul un administrateur de la DGALN peut modifier l'ordre du tourniquet."
        )
    motif = (motif or "").strip()
    if not motif:
        raise TransitionRefusee(
            "Indiquez le motif de la décision : il est inscrit au registre du tourniquet."
        )
    accord = AccordCadre.objects.select_for_update().get(pk=accord_cadre.pk)
    titulaires = list(
        Titulaire.objects.select_for_update().filter(accord_cadre=accord).order_by("rang")
    )
    _refuser_si_invalide(titulaires, choix)
    avant = [_ligne(t) for t in titulaires]
    apres = sorted(([pk, *choix[pk]] for pk, _, _ in avant), key=lambda ligne: ligne[1])
    libelle = _libelle(titulaires, avant, apres)
    if not libelle:
        raise TransitionRefusee("Rien n'a changé : ni l'ordre ni la situation des titulaires.")
    etat_avant = {"pointeur": accord.rang_dernier_servi, "dus": accord.tours_dus}
    etat_apres = suite_de_l_etat(etat_avant, avant, apres)

    # Free the ranks first, so that the uniqueness of (accord-cadre, rang) holds throughout.
    Titulaire.objects.filter(accord_cadre=accord).update(rang=F("rang") + 10_000)
    for pk, rang, actif in apres:
        Titulaire.objects.filter(pk=pk).update(rang=rang, actif=actif)
    accord.rang_dernier_servi = etat_apres["pointeur"]
    accord.tours_dus = etat_apres["dus"]
    accord.save(update_fields=["rang_dernier_servi", "tours_dus"])

    decision = DecisionTourniquet.objects.create(
        accord_cadre=accord,
        apres_tour=numero_du_dernier_tour(accord),
        libelle=libelle,
        motif=motif,
        titulaires_avant=avant,
        titulaires_apres=apres,
        etat_avant=etat_avant,
        etat_apres=etat_apres,
        acteur=acteur,
    )
    enregistrer(accord, acteur, ACTION, libelle[:200], commentaire=f"Motif : {motif}")
    _prevenir(acteur, accord, titulaires, avant, apres, libelle, motif)
    return decision


def _prevenir(acteur, accord, titulaires, avant, apres, libelle, motif):
    """The DGALN, and the teams of the groupements whose rank or situation changed."""
    changes = {pk for pk, rang, actif in apres if [pk, rang, actif] not in avant}
    texte = f"{libelle}.\n\nMotif : {motif}"
    notifier(
        get_user_model().objects.filter(role__in=ROLES_DGALN, is_active=True),
        f"Tourniquet de l'accord-cadre {accord.reference} modifié",
        texte,
        reverse("commandes:accord_cadre", args=[accord.pk]),
        auteur=acteur,
        evenement=Sujet.TOURNIQUET,
    )
    notifier(
        equipe_des_groupements([t for t in titulaires if t.pk in changes]),
        f"Tourniquet de l'accord-cadre {accord.reference} modifié",
        texte,
        auteur=acteur,
        evenement=Sujet.TOURNIQUET,
    )

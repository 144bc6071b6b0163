"""The tourniquet: which titulaire of an accord-cadre is proposed for the next atelier.

The rule, announced in each accord-cadre (R2162-14: objective, transparent, set in advance):

- active titulaires are served one atelier each, in the fixed order of their rank, cyclically;
  an inactive titulaire is left out of the rotation;
- the instructeur confirms the proposed titulaire, or sets it aside with a reason (it declines,
  a conflict of interest, it is unavailable); the next one is then proposed for the same file;
- with ``RegleEcart.GARDE_SA_PLACE`` a titulaire set aside keeps its place: it is owed a turn
  and proposed first for the next file (the oldest debt first); with ``PERD_SON_TOUR`` the
  rotation goes on as if it had been served.

The decision logic is a pure function of a small state (``Etat``) so that the ledger can be
replayed (``verifier``). The state lives on the accord-cadre row, which every change locks:
two instructeurs attributing at once are served one after the other, and the second one is
told that the rotation moved (``TourniquetModifie``) rather than given the same turn.
"""

from dataclasses import dataclass

from journal.transitions import TransitionRefusee

from .decisions import suite_de_l_etat
from .models import AccordCadre, Nature, TourDeTourniquet, numero_du_dernier_tour

GARDE = AccordCadre.RegleEcart.GARDE_SA_PLACE


class TourniquetModifie(TransitionRefusee):
    """The titulaire shown to the instructeur is no longer the one the rule gives."""


@dataclass(frozen=True)
class Etat:
    pointeur: int  # rank of the last titulaire served in the regular order (0: nobody)
    dus: tuple  # ((rank, count), ...) turns owed, oldest first
    actifs: tuple  # ranks of the active titulaires, ascending
    ecartes: tuple  # ranks already set aside for this file

    def en_json(self):
        return {
            "pointeur": self.pointeur,
            "dus": [list(d) for d in self.dus],
            "actifs": list(self.actifs),
            "ecartes": list(self.ecartes),
        }

    @classmethod
    def depuis_json(cls, donnees):
        return cls(
            donnees["pointeur"],
            tuple((r, n) for r, n in donnees["dus"]),
            tuple(donnees["actifs"]),
            tuple(donnees["ecartes"]),
        )


def proposer(etat):
    """``(rank, nature)`` of the titulaire the rule gives, or None if nobody is left."""
    for rang, _ in etat.dus:
        if rang in etat.actifs and rang not in etat.ecartes:
            return rang, Nature.RATTRAPAGE
    candidats = [r for r in etat.actifs if r not in etat.ecartes]
    if not candidats:
        return None
    suivants = [r for r in candidats if r > etat.pointeur]
    return (suivants[0] if suivants else candidats[0]), Nature.NORMAL


def _sautes(etat, rang):
    """Active ranks the regular order passes over to reach ``rang`` (already set aside)."""
    if rang > etat.pointeur:
        return [r for r in etat.actifs if etat.pointeur < r < rang]
    return [r for r in etat.actifs if r > etat.pointeur] + [r for r in etat.actifs if r < rang]


def appliquer(etat, rang, nature, issue, regle):
    """The state ``(pointeur, dus)`` after the titulaire ``rang`` was attributed or set aside."""
    dus = [list(d) for d in etat.dus]

    def ajouter(r):
        for d in dus:
            if d[0] == r:
                d[1] += 1
                return
        dus.append([r, 1])

    def retirer(r):
        for i, d in enumerate(dus):
            if d[0] == r:
                del dus[i]
                if d[1] > 1:  # the next debt is younger than the others: back of the queue
                    dus.append([r, d[1] - 1])
                return

    garde = regle == GARDE
    pointeur = etat.pointeur
    if nature == Nature.RATTRAPAGE:
        # The debt is paid by an attribution; set aside again, it stays owed (or is lost).
        if issue == TourDeTourniquet.Issue.ATTRIBUE or not garde:
            retirer(rang)
    else:
        if garde:
            for r in _sautes(etat, rang):
                ajouter(r)
        pointeur = rang
        if issue == TourDeTourniquet.Issue.ECARTE and garde:
            ajouter(rang)
    return pointeur, tuple((r, n) for r, n in dus)


def etat(accord_cadre, candidature):
    """The rotation's state for ``candidature`` (read it under the accord-cadre's lock)."""
    actifs = tuple(
        accord_cadre.titulaires.filter(actif=True).order_by("rang").values_list("rang", flat=True)
    )
    ecartes = tuple(
        TourDeTourniquet.objects.filter(
            accord_cadre=accord_cadre,
            candidature=candidature,
            issue=TourDeTourniquet.Issue.ECARTE,
        )
        .order_by("numero")
        .values_list("rang", flat=True)
    )
    return Etat(
        accord_cadre.rang_dernier_servi,
        tuple((r, n) for r, n in accord_cadre.tours_dus),
        actifs,
        ecartes,
    )


def titulaire_propose(accord_cadre, candidature):
    """``(titulaire, nature)`` proposed for the file, or ``(None, None)`` if nobody is left."""
    proposition = proposer(etat(accord_cadre, candidature))
    if proposition is None:
        return None, None
    rang, nature = proposition
    return accord_cadre.titulaires.get(rang=rang), nature


AUCUN_EN_VIGUEUR = (
    "Aucun accord-cadre n'est en vigueur : un administrateur doit en déclarer un avant toute "
    "attribution."
)


def verrouiller_en_vigueur():
    """The accord-cadre in force, locked until the end of the transaction."""
    accord = AccordCadre.objects.select_for_update().en_vigueur()
    if accord is None:
        raise TransitionRefusee(AUCUN_EN_VIGUEUR)
    return accord


def enregistrer_tour(acteur, accord_cadre, candidature, titulaire, issue, motif="", commentaire=""):
    """Record that ``titulaire`` was attributed the file or set aside, and move the rotation.

    The caller holds the accord-cadre's row lock. ``titulaire`` is the one the instructeur
    saw: if the rule now gives another one, nothing is recorded.
    """
    avant = etat(accord_cadre, candidature)
    proposition = proposer(avant)
    if proposition is None:
        raise TransitionRefusee(
            "Tous les titulaires actifs ont été écartés pour ce dossier : aucun ne peut lui "
            "être proposé."
        )
    rang, nature = proposition
    if (
        titulaire.pk is None
        or titulaire.accord_cadre_id != accord_cadre.pk
        or titulaire.rang != rang
    ):
        attendu = accord_cadre.titulaires.get(rang=rang)
        raise TourniquetModifie(
            "Le tourniquet a avancé depuis l'affichage de la page (une autre attribution "
            f"vient d'être enregistrée) : le titulaire proposé est désormais « {attendu} ». "
            "Vérifiez la proposition puis confirmez."
        )
    pointeur, dus = appliquer(avant, rang, nature, issue, accord_cadre.regle_ecart)
    numero = numero_du_dernier_tour(accord_cadre) + 1
    tour = TourDeTourniquet.objects.create(
        accord_cadre=accord_cadre,
        numero=numero,
        candidature=candidature,
        titulaire=titulaire,
        rang=rang,
        nature=nature,
        issue=issue,
        motif=motif,
        commentaire=commentaire,
        regle=accord_cadre.regle_ecart,
        etat_avant=avant.en_json(),
        acteur=acteur,
    )
    accord_cadre.rang_dernier_servi = pointeur
    accord_cadre.tours_dus = [list(d) for d in dus]
    accord_cadre.save(update_fields=["rang_dernier_servi", "tours_dus"])
    return tour


def _verifier_decision(decision, suite, anomalies):
    """Check one change of the order against the ledger; return the state it leads to."""
    avant = (decision.etat_avant["pointeur"], tuple(map(tuple, decision.etat_avant["dus"])))
    if suite is not None and suite != avant:
        anomalies.append(
            f"Décision du {decision.date:%d/%m/%Y} : l'état du tourniquet ne suit pas le tour "
            "précédent."
        )
    attendu = suite_de_l_etat(
        decision.etat_avant, decision.titulaires_avant, decision.titulaires_apres
    )
    if attendu != decision.etat_apres:
        anomalies.append(
            f"Décision du {decision.date:%d/%m/%Y} : l'état du tourniquet après la décision ne "
            "suit pas le nouvel ordre."
        )
    etat = decision.etat_apres
    return (etat["pointeur"], tuple((r, n) for r, n in etat["dus"])), tuple(
        sorted(rang for _, rang, actif in decision.titulaires_apres if actif)
    )


def verifier(accord_cadre, tours=None, decisions=None):
    """Replay the ledger; return the anomalies found (an empty list: the rule was followed).

    Each line must be the proposal the rule gave from the state recorded before it, and that
    state must follow from the line before — or from the administrators' decision on the
    order taken in between (``DecisionTourniquet``); the last line must lead to the current
    state. ``tours``, ``decisions``: the ledger in order, when the caller has already read it.
    """
    anomalies = []
    if tours is None:
        tours = list(accord_cadre.registre_tourniquet.order_by("numero"))
    if decisions is None:
        decisions = list(accord_cadre.decisions_tourniquet.order_by("apres_tour", "date", "pk"))
    a_rejouer = list(decisions)
    ecartes_par_dossier = {}
    suite = None
    actifs_decides = None
    titulaire_du_rang = {}  # rank -> titulaire pk, as the ledger knows them

    def rejouer_jusqu_a(numero):
        nonlocal suite, actifs_decides, titulaire_du_rang
        while a_rejouer and (numero is None or a_rejouer[0].apres_tour < numero):
            decision = a_rejouer.pop(0)
            avant = {rang: pk for pk, rang, _ in decision.titulaires_avant}
            if any(avant.get(rang) != pk for rang, pk in titulaire_du_rang.items()):
                anomalies.append(
                    f"Décision du {decision.date:%d/%m/%Y} : l'ordre qu'elle modifie n'est pas "
                    "celui du registre (il a changé sans décision motivée)."
                )
            suite, actifs_decides = _verifier_decision(decision, suite, anomalies)
            titulaire_du_rang = {rang: pk for pk, rang, _ in decision.titulaires_apres}

    for tour in tours:
        rejouer_jusqu_a(tour.numero)
        rang_connu = {pk: rang for rang, pk in titulaire_du_rang.items()}.get(tour.titulaire_id)
        if titulaire_du_rang.get(tour.rang, tour.titulaire_id) != tour.titulaire_id or (
            rang_connu not in (None, tour.rang)
        ):
            anomalies.append(
                f"Tour {tour.numero} : « {tour.titulaire} » est proposé au rang {tour.rang}, "
                "qui n'est pas le sien au registre : l'ordre a changé sans décision motivée."
            )
        titulaire_du_rang = {
            r: pk for r, pk in titulaire_du_rang.items() if pk != tour.titulaire_id
        }
        titulaire_du_rang[tour.rang] = tour.titulaire_id
        avant = Etat.depuis_json(tour.etat_avant)
        if suite is not None and suite != (avant.pointeur, avant.dus):
            anomalies.append(
                f"Tour {tour.numero} : l'état du tourniquet ne suit pas le tour précédent."
            )
        if actifs_decides is not None and avant.actifs != actifs_decides:
            anomalies.append(
                f"Tour {tour.numero} : les titulaires actifs ne sont pas ceux de la dernière "
                "décision sur le tourniquet."
            )
        if avant.ecartes != tuple(ecartes_par_dossier.get(tour.candidature_id, ())):
            anomalies.append(
                f"Tour {tour.numero} : les titulaires déjà écartés pour ce dossier ne "
                "correspondent pas au registre."
            )
        if proposer(avant) != (tour.rang, tour.nature):
            anomalies.append(
                f"Tour {tour.numero} : « {tour.titulaire} » n'était pas le titulaire que la "
                "règle désignait."
            )
        if tour.issue == TourDeTourniquet.Issue.ECARTE:
            ecartes_par_dossier.setdefault(tour.candidature_id, []).append(tour.rang)
        suite = appliquer(avant, tour.rang, tour.nature, tour.issue, tour.regle)
    rejouer_jusqu_a(None)
    rangs_actuels = {
        pk: (rang, nom)
        for pk, rang, nom in accord_cadre.titulaires.values_list("pk", "rang", "nom")
    }
    for rang, pk in sorted(titulaire_du_rang.items()):
        if pk in rangs_actuels and rangs_actuels[pk][0] != rang:
            anomalies.append(
                f"« {rangs_actuels[pk][1]} » est passé du rang {rang} au rang "
                f"{rangs_actuels[pk][0]} sans décision motivée."
            )
    actuel = (accord_cadre.rang_dernier_servi, tuple((r, n) for r, n in accord_cadre.tours_dus))
    if suite is not None and suite != actuel:
        anomalies.append("L'état actuel du tourniquet ne suit pas le dernier tour du registre.")
    return anomalies


def tours_dus_par_rang(accord_cadre):
    return dict(accord_cadre.tours_dus)

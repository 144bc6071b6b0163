"""One workflow per stateful object: its states, its actions and its table of transitions.

A transition says from which states an action leaves and to which state it leads, who may take
it (the parties and the reason given to anyone else), its button's label, the kind of
notification it sends and the document it produces. ``Workflow.passage`` applies one: in one
transaction it locks the row, checks the state (one standard reason that names the current
state), the party and the rule, lets the app change its own fields, then moves the state,
journals the change under the action's code and notifies.

    with CANDIDATURE.passage(Action.DEPOT, acteur, cand) as p:
        p.libelle = f"Dossier déposé (récépissé {numero})"
        p.notifier(instructeurs(cand), titre, texte, lien)

Views ask ``decision(user, objet, action)`` to show a button or its reason; the test tables,
the diagrams in ``docs/workflows.md``, « Prochaine étape » and « À faire » read the same table.
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction

from documents import services as documents
from journal.models import enregistrer
from journal.transitions import verrouiller
from notifications.services import notifier
from socle.decisions import OUI, TransitionRefusee, exiger, non

from .signaux import transition_appliquee


@dataclass(frozen=True)
class Partie:
    """A party that may act on an object (the service, the DGALN, the titulaire).

    - ``est(user, objet)``: the person acts for this party on this object;
    - ``du_compte(user)``: the account is of this kind at all (what « À faire » lists);
    - ``organisation(objet)`` and ``personne(objet)``: who must act, for « Prochaine étape »
      (the person is ``None`` while nobody in particular is known).
    """

    code: str
    nom: str
    est: Callable
    du_compte: Callable
    organisation: Callable
    personne: Callable = lambda objet: None


@dataclass(frozen=True)
class Manque:
    """Something still missing before a transition, with the page where it is done."""

    texte: str
    lien: str = ""
    lien_texte: str = ""


@dataclass(frozen=True)
class Transition:
    action: object  # a member of the workflow's enum of actions; its label is the journal's
    depuis: tuple  # the states it leaves from; empty for the action that creates the object
    vers: object  # the state it leads to, {source: target}, or None (the state stays)
    par: tuple  # the parties that may take it
    refus: str  # the reason given to anyone else
    bouton: str  # the button's label
    vue: tuple  # (URL name, action slug or "") of the page that takes the action
    sujet: str | None = None  # the kind of notification it sends (notifications.sujets)
    silence: str = ""  # when it notifies nobody: why
    document: str = ""  # the kind of document it produces (documents.registre)
    condition: Callable | None = None  # objet -> Decision: the rule beyond state and party
    # The condition reads only what the workflow's ``preparer`` loads: « À faire » then leaves
    # out what waits on someone else (a programme still with the service), at no extra query.
    condition_en_liste: bool = False
    manquants: Callable | None = None  # objet -> [Manque or text]: what is still missing
    # The way forward (True), or only from these states (a tuple); False for withdrawing,
    # declining, cancelling, reassigning.
    principale: bool | tuple = True
    bouton_selon: Callable | None = None  # (user, objet) -> the label this person reads

    def bouton_pour(self, user, objet):
        return self.bouton_selon(user, objet) if self.bouton_selon else self.bouton

    @property
    def code(self):
        return self.action.value

    @property
    def creation(self):
        return not self.depuis

    def est_principale(self, etat):
        if isinstance(self.principale, tuple):
            return etat in self.principale
        return self.principale

    def cible(self, etat):
        if isinstance(self.vers, dict):
            return self.vers.get(etat, etat)
        return etat if self.vers is None else self.vers

    def aretes(self):
        """``(source, target)`` pairs of the diagram (source ``None`` for a creation)."""
        for source in self.depuis or (None,):
            yield source, self.cible(source) if source is not None else self.vers


class Workflow:
    """The table of one stateful object.

    - ``etats`` and ``actions``: its enums (``TextChoices``);
    - ``champ``: the field holding the state;
    - ``nommer(objet)``: the object in words, to begin a refusal (« Le dossier »);
    - ``journal_sur``: the relation whose timeline records the changes ("" for the object);
    - ``fins``: for every state with no way forward, what it means, in words;
    - ``lien(objet)``: the object's page;
    - ``intituler(objet)``: what « À faire » calls it, and ``preparer(queryset)``: what that
      list reads with it (``select_related``, so that the list costs one query), and which of
      the objects in a waiting state really wait (a closed atelier's programme does not);
    - ``depuis(objet)``: when it entered its state, when the journal's date is not the right
      one (an atelier's phase starts on the actual date given, not when it was recorded), and
      ``attente``: the same date as a query expression, for « À faire »;
    - ``suivi_par_le_planning``: its pace is the planning's (an atelier's phases), so the
      DGALN's list of what waits on others too long leaves it to the planning's late warnings;
    - ``alerte(objet)``: a warning « À faire » shows with the object's line (an invoice past
      its payment deadline), or ""; it reads only what ``preparer`` loads.
    """

    def __init__(
        self,
        nom,
        modele,
        etats,
        actions,
        transitions,
        *,
        nommer,
        lien,
        fins,
        champ="statut",
        journal_sur="",
        intituler=str,
        preparer=lambda queryset: queryset,
        depuis=None,
        attente=None,
        suivi_par_le_planning=False,
        alerte=None,
    ):
        self.nom, self.modele, self.etats, self.actions = nom, modele, etats, actions
        self.champ, self.nommer, self.lien, self.fins = champ, nommer, lien, fins
        self.journal_sur, self.intituler, self.preparer = journal_sur, intituler, preparer
        self.depuis, self.attente = depuis, attente
        self.suivi_par_le_planning = suivi_par_le_planning
        self.alerte = alerte
        self.transitions = {t.action: t for t in transitions}
        if len(self.transitions) != len(transitions):
            raise ValueError(f"{nom} : une action figure deux fois dans la table.")

    def __getitem__(self, action):
        return self.transitions[action]

    def __iter__(self):
        return iter(self.transitions.values())

    def __repr__(self):
        return f"<Workflow {self.nom}>"

    def etat(self, objet):
        return self.etats(getattr(objet, self.champ))

    def objet_du_journal(self, objet):
        return getattr(objet, self.journal_sur) if self.journal_sur else objet

    def sortantes(self, etat, principales_seulement=False):
        return [
            t
            for t in self
            if etat in t.depuis and (t.est_principale(etat) or not principales_seulement)
        ]

    def refus_etat(self, objet, transition):
        possibles = " ou ".join(f"« {self.etats(e).label} »" for e in transition.depuis)
        return (
            f"{self.nommer(objet)} est à l'état « {self.etat(objet).label} » : "
            f"« {transition.bouton} » n'est possible qu'à l'état {possibles}."
        )

    def decision(self, user, objet, action, regle=None):
        """May ``user`` take ``action`` on ``objet`` now? The reason when not. ``regle``: the
        condition's answer, when the caller has already asked it (it may cost queries)."""
        t = self[action]
        if not any(partie.est(user, objet) for partie in t.par):
            return non(t.refus)
        if t.creation:
            return OUI
        if self.etat(objet) not in t.depuis:
            return non(self.refus_etat(objet, t))
        if regle is not None:
            return regle
        return t.condition(objet) if t.condition else OUI

    def decisions(self, user, objet):
        """Every action's decision, by code, for the buttons of a page."""
        return {t.code: self.decision(user, objet, t.action) for t in self if not t.creation}

    @contextmanager
    def passage(self, action, acteur, objet, commentaire="", verrou=True):
        """Apply ``action``: the block changes the app's fields on ``p.objet`` (listing them in
        ``p.champs``) and may refuse by raising ``TransitionRefusee``; nothing is kept then."""
        t = self[action]
        with transaction.atomic():
            if verrou:
                objet = verrouiller(objet)
            exiger(self.decision(acteur, objet, action))
            passage = Passage(self, t, acteur, objet, commentaire)
            yield passage
            passage.terminer()

    @contextmanager
    def naissance(self, action, acteur, objet):
        """Journal and notify the creation of ``objet`` (its creator checked the rule)."""
        t = self[action]
        if not t.creation:
            raise ValueError(f"{action} ne crée pas d'objet.")
        with transaction.atomic():
            passage = Passage(self, t, acteur, objet, "", avant="")
            yield passage
            passage.terminer()


class Passage:
    """One transition being applied: what the block may set before it is recorded."""

    def __init__(self, workflow, transition, acteur, objet, commentaire, avant=None):
        self.workflow, self.transition, self.acteur, self.objet = (
            workflow,
            transition,
            acteur,
            objet,
        )
        self.avant = workflow.etat(objet) if avant is None else avant
        self.vers = workflow.etat(objet) if transition.creation else transition.cible(self.avant)
        self.libelle = transition.action.label
        self.commentaire = (commentaire or "").strip()
        self.champs = []
        self.interne = False
        self.document_de = objet
        self._avis = []

    def notifier(self, destinataires, titre, texte, lien=None):
        """Tell ``destinataires`` (sent with the transition's kind, once it commits)."""
        if self.transition.sujet is None:
            raise ValueError(f"{self.transition.code} ne notifie personne : {self.transition}")
        self._avis.append((destinataires, titre, texte, lien))

    def terminer(self):
        wf, objet = self.workflow, self.objet
        champs = list(self.champs)
        if not self.transition.creation and self.vers != self.avant:
            setattr(objet, wf.champ, self.vers)
            champs.append(wf.champ)
        if champs:
            if hasattr(objet, "modifie_le"):
                champs.append("modifie_le")
            objet.save(update_fields=champs)
        enregistrer(
            wf.objet_du_journal(objet),
            self.acteur,
            self.transition.action,
            self.libelle,
            self.avant,
            self.vers,
            self.commentaire,
            interne=self.interne,
        )
        lien_par_defaut = wf.lien(objet)
        for destinataires, titre, texte, lien in self._avis:
            notifier(
                destinataires,
                titre,
                texte,
                lien or lien_par_defaut,
                self.acteur,
                evenement=self.transition.sujet,
            )
        if self.transition.document:
            documents.demander(self.acteur, self.transition.document, self.document_de)
        transition_appliquee.send(
            sender=wf,
            transition=self.transition,
            objet=objet,
            acteur=self.acteur,
            avant=self.avant,
            vers=self.vers,
        )


__all__ = ["Manque", "Partie", "Passage", "Transition", "TransitionRefusee", "Workflow"]

"""« Prochaine étape » and « À faire », read from the workflows' tables.

On an object's page: what comes next, who must act (the organisation and, where known, the
person), since when it waits, what is still missing, and the buttons the reader may press. On a
dashboard: what awaits the reader's side, oldest first, with the wait in days.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import DateField, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils import timezone

from journal.models import Evenement
from socle.decisions import OUI

from .moteur import Manque
from .registre import WORKFLOWS

ATTENTE_TROP_LONGUE = 30  # days after which the DGALN sees what waits on others


@dataclass
class Responsable:
    partie: str  # « le service déconcentré »
    organisation: object
    personne: object = None


@dataclass
class Etape:
    quoi: str
    responsables: list
    possible: bool  # False: it waits on what is missing first


@dataclass
class Bouton:
    libelle: str
    url: str
    principal: bool


@dataclass
class ProchaineEtape:
    etat: str
    fin: str = ""  # what a state with no way forward means
    etapes: list = field(default_factory=list)  # [Etape]
    manquants: list = field(default_factory=list)
    depuis: object = None
    boutons: list = field(default_factory=list)

    @property
    def maintenant(self):
        return [e for e in self.etapes if e.possible]

    @property
    def ensuite(self):
        return [e for e in self.etapes if not e.possible]

    @property
    def jours(self):
        if not self.depuis:
            return None
        if isinstance(self.depuis, datetime):
            return (timezone.now() - self.depuis).days
        return (timezone.localdate() - self.depuis).days


def url_de(transition, objet):
    nom, slug = transition.vue
    return reverse(nom, args=[objet.pk, slug] if slug else [objet.pk])


def _depuis(workflow, objet):
    """When the object entered its current state: the date the workflow knows (an atelier's
    phase has its actual start), or the journal's last such event."""
    if workflow.depuis and (jour := workflow.depuis(objet)):
        return jour
    suivi = workflow.objet_du_journal(objet)
    evenement = (
        Evenement.objects.filter(
            content_type=ContentType.objects.get_for_model(suivi),
            object_id=suivi.pk,
            etat_apres=getattr(objet, workflow.champ),
        )
        .order_by("-date", "-id")
        .values_list("date", flat=True)
        .first()
    )
    return evenement or getattr(objet, "modifie_le", None)


def prochaine_etape(workflow, objet, user):
    etat = workflow.etat(objet)
    etape = ProchaineEtape(etat=etat.label, depuis=_depuis(workflow, objet))
    avancer = workflow.sortantes(etat, principales_seulement=True)
    if not avancer:
        etape.fin = workflow.fins[etat]
    # Each rule and each list of what is missing is asked once (a closure's reads queries).
    regles = {t.action: t.condition(objet) if t.condition else OUI for t in avancer}
    manques = {
        t.action: [m if isinstance(m, Manque) else Manque(str(m)) for m in t.manquants(objet)]
        for t in avancer
        if t.manquants
    }
    for t in avancer:
        responsables = [Responsable(p.nom, p.organisation(objet), p.personne(objet)) for p in t.par]
        # A step whose rule does not hold yet comes after what is missing (« Ensuite »).
        possible = bool(regles[t.action])
        etape.etapes.append(Etape(t.bouton, responsables, possible))
        manquants = manques.get(t.action)
        if manquants is None:
            manquants = [] if possible else [Manque(regles[t.action].raison)]
        for manque in manquants:
            if manque not in etape.manquants:
                etape.manquants.append(manque)
    for t in workflow.sortantes(etat):
        if workflow.decision(user, objet, t.action, regles.get(t.action)):
            # Not the page's main button while something is still missing for it.
            principal = t.est_principale(etat) and not manques.get(t.action)
            etape.boutons.append(Bouton(t.bouton_pour(user, objet), url_de(t, objet), principal))
    return etape


@dataclass
class AFaire:
    workflow: object
    objet: object
    quoi: str  # the buttons' labels, joined
    depuis: object
    attend: str = ""  # who must act (in the DGALN's list of what waits on others)

    @property
    def jour(self):
        """The day it started waiting (a date, whether the workflow knows a date or a time)."""
        if isinstance(self.depuis, datetime):
            return timezone.localdate(self.depuis)
        return self.depuis

    @property
    def jours(self):
        return (timezone.localdate() - self.jour).days if self.depuis else 0

    @property
    def lien(self):
        return self.workflow.lien(self.objet)

    @property
    def intitule(self):
        return self.workflow.intituler(self.objet)

    @property
    def alerte(self):
        """The workflow's warning on this line (« En retard de paiement depuis 3 jours »)."""
        return self.workflow.alerte(self.objet) if self.workflow.alerte else ""


def _etats_par_partie(workflow, qui):
    """States whose way forward belongs to a party ``qui(partie)`` accepts, with its rows."""
    etats = {}
    for t in workflow:
        if t.creation or not any(qui(p) for p in t.par):
            continue
        for etat in t.depuis:
            if t.est_principale(etat):
                etats.setdefault(etat, []).append(t)
    return etats


def _en_attente(workflow, user, etats, limite, avant=None):
    """The objects ``user`` sees in ``etats``, oldest wait first, with ``attente_depuis``."""
    suivi = workflow.journal_sur
    modele_suivi = workflow.modele._meta.get_field(suivi).related_model if suivi else None
    derniere = (
        Evenement.objects.filter(
            content_type=ContentType.objects.get_for_model(modele_suivi or workflow.modele),
            object_id=OuterRef(f"{suivi}_id" if suivi else "pk"),
            etat_apres=OuterRef(workflow.champ),
        )
        .order_by("-date")
        .values("date")[:1]
    )
    if workflow.attente is not None:  # a date the workflow knows (an atelier's phase start)
        depuis = Coalesce(workflow.attente, Cast("modifie_le", DateField()))
    else:
        depuis = Coalesce(Subquery(derniere), "modifie_le")
    lignes = (
        workflow.modele.objects.visible_to(user)
        .filter(**{f"{workflow.champ}__in": list(etats)})
        .annotate(attente_depuis=depuis)
    )
    if avant is not None:
        lignes = lignes.filter(attente_depuis__lt=avant)
    return workflow.preparer(lignes).order_by("attente_depuis", "pk")[:limite]


def _a_moi(user, objet, transitions):
    """Not someone else's: the person named to act (a file's instructeur) is ``user``, or
    nobody is named yet."""
    for t in transitions:
        for partie in t.par:
            if partie.du_compte(user):
                personne = partie.personne(objet)
                if personne is None or personne == user:
                    return True
    return False


def _lister(user, garder, avant=None, limite=20):
    lignes = []
    for workflow in WORKFLOWS:
        etats = _etats_par_partie(workflow, garder)
        if not etats or (avant is not None and workflow.suivi_par_le_planning):
            continue
        for objet in _en_attente(workflow, user, etats, limite, avant):
            transitions = [
                t
                for t in etats[workflow.etat(objet)]
                if not (t.condition and t.condition_en_liste) or t.condition(objet)
            ]
            if not transitions or (avant is None and not _a_moi(user, objet, transitions)):
                continue
            quoi = " ou ".join(t.bouton_pour(user, objet) for t in transitions)
            parties = sorted({p.nom for t in transitions for p in t.par if garder(p)})
            lignes.append(AFaire(workflow, objet, quoi, objet.attente_depuis, " ou ".join(parties)))
    lignes.sort(key=lambda ligne: (ligne.depuis is None, ligne.jour or date.min))
    return lignes[:limite]


def a_faire(user, limite=20):
    """What awaits ``user``'s side (the objects they see whose way forward is theirs), oldest
    first: one query per workflow. Whether the step can be taken yet (a closure still missing
    a livrable) is for the object's page to say."""
    return _lister(user, lambda partie: partie.du_compte(user), limite=limite)


def en_attente_chez_les_autres(user, jours=ATTENTE_TROP_LONGUE, limite=20):
    """For the DGALN: what has waited on the services or the titulaires for too long."""
    avant = timezone.now() - timedelta(days=jours)
    return _lister(user, lambda partie: not partie.du_compte(user), avant, limite)

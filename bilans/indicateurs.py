"""What the pilotage shows of the bilans and follow-ups, computed from the data in a few
queries whatever the number of ateliers.

- ``synthese_des_bilans``: over the answered bilans of closed ateliers, per question, how many
  answered each level, and the share who would recommend an Atelier Flash;
- ``suites_a_douze_mois``: of the ateliers closed through the portal at least 12 months ago
  (those asked « Et après ? »), how many have a follow-up (« rien pour l'instant » is not one),
  and the follow-ups by nature, all ateliers included.
"""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from ateliers.models import Atelier, Phase

from .demandes import mois_avant
from .models import QUESTIONS, Bilan, Cote, Nature, Suite


def _part(n, total):
    return round(100 * n / total) if total else None


def synthese_des_bilans():
    remplis = Bilan.objects.filter(repondu_le__isnull=False, atelier__phase=Phase.CLOTURE)
    comptes = {
        f"{q.champ}__{valeur}": Count("pk", filter=Q(**{q.champ: valeur}))
        for q in QUESTIONS
        for valeur in q.echelle.values
    }
    comptes |= {f"cote__{c}": Count("pk", filter=Q(cote=c)) for c in Cote.values}
    totaux = remplis.aggregate(
        total=Count("pk"), recommandent=Count("pk", filter=Q(recommande=True)), **comptes
    )
    questions = []
    for q in QUESTIONS:
        repartition = [
            (libelle, n := totaux[f"{q.champ}__{valeur}"], _part(n, totaux["total"]))
            for valeur, libelle in q.echelle.choices
        ]
        questions.append({"libelle": q.libelle, "repartition": repartition})
    return {
        "total": totaux["total"],
        "par_cote": [(c.label, totaux[f"cote__{c.value}"]) for c in Cote],
        "questions": questions,
        "recommandent": totaux["recommandent"],
        "part_recommandent": _part(totaux["recommandent"], totaux["total"]),
    }


def suites_a_douze_mois(aujourd_hui=None):
    aujourd_hui = aujourd_hui or timezone.localdate()
    ateliers = Atelier.objects.filter(
        phase=Phase.CLOTURE, historique=False, date_cloture__lte=mois_avant(aujourd_hui, 12)
    )
    avec_suite = Exists(Suite.objects.concretes().filter(atelier=OuterRef("pk")))
    chiffres = ateliers.aggregate(total=Count("pk"), avec=Count("pk", filter=Q(avec_suite)))
    par_nature = dict(
        Suite.objects.order_by()
        .values_list("nature")
        .annotate(n=Count("pk"))
        .values_list("nature", "n")
    )
    return {
        "ateliers": chiffres["total"],
        "avec_suite": chiffres["avec"],
        "part": _part(chiffres["avec"], chiffres["total"]),
        "par_nature": [(n.label, par_nature.get(n.value, 0)) for n in Nature],
    }

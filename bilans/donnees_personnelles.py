"""The bilans' personal data (declared to ``socle.donnees_personnelles``).

A bilan and a follow-up name the account that wrote them: they stay for the atelier's life,
their authors anonymised with their accounts; the public catalogue shows follow-ups without
any name. The export gives a person the bilans and follow-ups they wrote.
"""

from socle.donnees_personnelles import Extrait, Sorte, declarer

from .models import Bilan, Suite


def _bilans(email, compte):
    return [
        {
            "atelier": b.atelier.reference,
            "cote": b.get_cote_display(),
            "date": b.repondu_le,
            "reponses": dict(b.reponses()),
            "commentaire": b.commentaire,
        }
        for b in Bilan.objects.filter(auteur=compte).select_related("atelier__candidature")
    ]


def _suites(email, compte):
    return [
        {
            "atelier": s.atelier.reference,
            "nature": s.get_nature_display(),
            "programme": s.programme_nomme,
            "date": s.date,
            "texte": s.texte,
        }
        for s in Suite.objects.filter(auteur=compte).select_related(
            "atelier__candidature", "programme"
        )
    ]


declarer(
    Sorte(
        "bilans", Bilan, ("auteur", "commentaire"), ordre=110, export=(Extrait("bilans", _bilans),)
    )
)
declarer(Sorte("suites", Suite, ("auteur",), ordre=111, export=(Extrait("suites", _suites),)))

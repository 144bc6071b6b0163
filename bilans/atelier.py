"""What the bilans and follow-ups bring to their atelier's page, registered with ``ateliers``
(which sits below them): the bilan of each side (read by the DGALN and by that side; the
titulaire reads none) with the button to answer it, and « Et après ? » with the button to
record a follow-up. Both appear once the atelier is closed; the template is
``templates/bilans/_volet.html``."""

from ateliers import volets
from comptes.permissions import est_dgaln

from . import permissions
from .models import QUESTIONS, RECOMMANDATION


class PageDuBilan:
    """The bilans ``user`` may read on the page, question by question, and their own side's
    button."""

    def __init__(self, user, atelier, bilans):
        self.cote = permissions.cote_de(user, atelier)
        self.visible = atelier.est_cloture and bool(est_dgaln(user) or self.cote)
        self.remplis = [b for b in bilans if b.est_rempli]
        self.le_mien = next((b for b in bilans if b.cote == self.cote), None)
        self.repondre = (
            permissions.peut_repondre(user, atelier, self.le_mien) if self.cote else None
        )
        libelles = [q.libelle for q in QUESTIONS] + [RECOMMANDATION]
        reponses = [dict(b.reponses()) for b in self.remplis]
        self.lignes = [(libelle, [r[libelle] for r in reponses]) for libelle in libelles]

    @property
    def deja_rempli(self):
        return self.le_mien is not None and self.le_mien.est_rempli


def _bilans(user, atelier):
    if not atelier.est_cloture or not (est_dgaln(user) or permissions.cote_de(user, atelier)):
        return []
    return [
        b
        for b in atelier.bilans.select_related("auteur")
        if permissions.peut_lire(user, atelier, b)
    ]


volets.enregistrer(
    volets.Volet(
        code="bilans",
        lire=_bilans,
        contexte=lambda user, atelier, bilans: {"bilan_page": PageDuBilan(user, atelier, bilans)},
    )
)


def _suites(user, atelier):
    if not atelier.est_cloture:
        return []
    return list(atelier.suites.select_related("programme", "auteur__organisation"))


volets.enregistrer(
    volets.Volet(
        code="suites",
        lire=_suites,
        contexte=lambda user, atelier, suites: {
            "suites_peut_ajouter": permissions.peut_ajouter_suite(user, atelier)
        },
    )
)

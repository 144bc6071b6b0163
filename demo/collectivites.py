"""The collectivités as co-porteurs: Albert on its open file (the fiche in draft, a rubric
handed over to the commune), Doullens on the closed atelier of the site Sueur (its bilan and
what the atelier led to)."""

from datetime import datetime

from django.utils import timezone

from candidatures import coporteurs, services
from candidatures.models import Candidature, Message
from demo import horloge
from demo.bilans import charger_bilans_demo


def charger_coporteurs_demo(comptes):
    agent = comptes["agent"]
    albert = Candidature.objects.filter(titre="Entrée de ville nord d'Albert").first()
    if albert is not None:
        nouvelle = not albert.coporteurs.exists()
        with horloge.le(-19, 10):
            coporteurs.ajouter(agent, albert, comptes["albert"].organisation)
        if nouvelle:
            with horloge.le(-19, 11):
                coporteurs.confier_rubriques(agent, albert, ["strategie"])
                services.envoyer_message(
                    agent,
                    albert,
                    "Bonjour, je vous ai confié la rubrique « Stratégie et enjeux » : vous "
                    "connaissez mieux que nous le projet d'entrée de ville. Pensez aussi au "
                    "courrier de soutien signé du maire.",
                    fil=Message.Fil.COPORTEURS,
                )
            with horloge.le(-18, 9):
                services.envoyer_message(
                    comptes["albert"],
                    albert,
                    "Merci, je m'en occupe après le conseil municipal de jeudi.",
                    fil=Message.Fil.COPORTEURS,
                )
    sueur = Candidature.objects.filter(titre="Reconquête du site Sueur").first()
    if sueur is not None:
        with horloge.au(timezone.make_aware(datetime(2023, 6, 13, 9))):
            coporteurs.ajouter(agent, sueur, comptes["doullens"].organisation)
        atelier = getattr(sueur, "atelier", None)
        if atelier is not None and atelier.est_cloture:
            # What Doullens took on for its on-site days, ticked off before them.
            atelier.engagements.filter(fait_le__isnull=True).update(
                fait_le=timezone.make_aware(datetime(2024, 1, 22, 17)),
                fait_par=comptes["doullens"],
            )
            charger_bilans_demo(atelier, comptes["doullens"])

"""The bilan and « Et après ? » of a closed demo atelier (the site Sueur): each side's bilan,
a few days after the closure, and one follow-up (a funding of Petites villes de demain),
through the bilans' own services.

``charger_bilans_demo(atelier, membre)``: ``membre`` is a member of the collectivité
co-porteur of the atelier's file (or None: then only the service answers, and records the
follow-up)."""

import datetime

from django.utils import timezone

from bilans import demandes, services
from bilans.demandes import agents_du_service_pilote
from bilans.models import Bilan, Nature, Satisfaction, Utilite
from demo.horloge import au
from referentiels.models import ProgrammeANCT


def _moment(jour, heure=10):
    return timezone.make_aware(datetime.datetime.combine(jour, datetime.time(heure)))


def mois_apres(jour, mois):
    return demandes.mois_avant(jour, -mois)


def charger_bilans_demo(atelier, membre=None):
    if atelier is None or not atelier.est_cloture or Bilan.objects.filter(atelier=atelier):
        return
    agent = agents_du_service_pilote(atelier).order_by("pk").first()
    cloture = atelier.date_cloture or timezone.localdate()
    if agent is not None:
        with au(_moment(cloture + datetime.timedelta(days=5))):
            services.repondre(
                agent,
                atelier,
                utilite_cadrage=Utilite.TRES_UTILE,
                utilite_animation=Utilite.TRES_UTILE,
                utilite_production=Utilite.UTILE,
                utilite_restitution=Utilite.UTILE,
                equipe=Satisfaction.TRES_SATISFAISANT,
                livrables=Satisfaction.SATISFAISANT,
                recommande=True,
                commentaire="Trois jours sur site qui ont remis élus et services autour de la "
                "même table ; la feuille de route sert de base à la modification du PLU.",
            )
    if membre is not None:
        with au(_moment(cloture + datetime.timedelta(days=12), 15)):
            services.repondre(
                membre,
                atelier,
                utilite_cadrage=Utilite.UTILE,
                utilite_animation=Utilite.TRES_UTILE,
                utilite_production=Utilite.UTILE,
                utilite_restitution=Utilite.PEU_UTILE,
                equipe=Satisfaction.TRES_SATISFAISANT,
                livrables=Satisfaction.SATISFAISANT,
                recommande=True,
                commentaire="Les habitants se sont approprié le projet de la friche.",
            )
    # « Et après ? » asked six months after the closure, answered some weeks later.
    with au(_moment(mois_apres(cloture, 6), 8)):
        demandes.demander_les_suites_de(atelier, 6)
    auteur = membre or agent
    programme = ProgrammeANCT.objects.filter(libelle="Petites villes de demain").first()
    if auteur is None or programme is None:
        return
    jour = cloture + datetime.timedelta(days=200)
    with au(_moment(jour)):
        services.ajouter_suite(
            auteur,
            atelier,
            nature=Nature.FINANCEMENT,
            programme=programme,
            date=min(jour, timezone.localdate()),
            texte="Études de maîtrise d'œuvre de la reconversion de la filature financées au "
            "titre de Petites villes de demain.",
        )

"""Demo ateliers: three eligible files attributed by the tourniquet of the accord-cadre in
force, one titulaire set aside on the way, and their bons de commande at different stages.

Their follow-up (phases, programme, livrables) is ``demo.suivi``; the files themselves come
from ``demo.candidatures``.
"""

from ateliers import attribution
from commandes import transitions as commandes
from demo.candidatures import eligible
from marches import tourniquet
from marches.models import AccordCadre, TourDeTourniquet


def charger_ateliers_demo(agent, agent35, instructeur):
    """Files attributed by the tourniquet of the accord-cadre in force (one titulaire set
    aside on the way) and their bons de commande at different stages; return the three
    ateliers (Ham, Vitré, Corbie) the first time, None once they exist."""
    accord = AccordCadre.objects.en_vigueur()
    ham, nouvelle = eligible(
        agent,
        instructeur,
        "Ham, cœur de ville",
        "80410",
        "Ham",
        "Relier le centre, le canal et la gare.",
    )
    if not nouvelle:
        return None
    vitre, _ = eligible(
        agent35,
        instructeur,
        "Vitré, entrée de ville est",
        "35360",
        "Vitré",
        "Requalifier l'entrée de ville commerciale.",
    )
    corbie, _ = eligible(
        agent,
        instructeur,
        "Corbie, abbaye et bords de Somme",
        "80212",
        "Corbie",
        "Ouvrir l'abbaye sur les bords de Somme.",
    )

    def proposition(cand):
        accord.refresh_from_db()
        return tourniquet.titulaire_propose(accord, cand)[0]

    # Ham: the first titulaire declines (it keeps its place), the second takes it.
    attribution.ecarter(
        instructeur,
        ham,
        proposition(ham),
        TourDeTourniquet.Motif.DECLINE,
        "Plan de charge complet jusqu'en mars.",
    )
    ateliers = [attribution.attribuer(instructeur, ham, proposition(ham))]
    ateliers.append(attribution.attribuer(instructeur, vitre, proposition(vitre)))
    ateliers.append(attribution.attribuer(instructeur, corbie, proposition(corbie)))

    ham_atelier, vitre_atelier, corbie_atelier = ateliers
    bon = commandes.creer(
        agent,
        ham_atelier,
        objet="Atelier Flash de Ham — cadrage et ateliers sur site",
        montant_ht="12000.00",
        engagement_juridique="2100045671",
        code_service="DDTM80-SUA",
    )
    commandes.emettre(agent, bon)
    commandes.notifier_titulaire(agent, bon)
    commandes.attester_service_fait(
        agent, bon, None, "Feuille de route et restitution à chaud reçues."
    )
    bon = commandes.creer(
        agent,
        ham_atelier,
        objet="Atelier Flash de Ham — livrables et restitution",
        montant_ht="8000.00",
        engagement_juridique="2100045672",
        code_service="DDTM80-SUA",
    )
    commandes.emettre(agent, bon)
    commandes.notifier_titulaire(agent, bon)
    commandes.creer(
        agent35,
        vitre_atelier,
        objet="Atelier Flash de Vitré",
        montant_ht="20000.00",
        code_service="DDTM35-SPAT",
    )
    return ham_atelier, vitre_atelier, corbie_atelier

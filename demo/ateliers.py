"""Demo ateliers: three eligible files attributed by the tourniquet of the accord-cadre in
force, one titulaire set aside on the way, and their bons de commande at different stages;
then the administrator sets a groupement aside from the rotation, with its reason.

Their follow-up (phases, programme, livrables) is ``demo.suivi``; the files themselves come
from ``demo.candidatures``.
"""

from ateliers import attribution
from commandes import transitions as commandes
from commandes.models import TauxBCE
from demo.candidatures import eligible
from demo.horloge import le
from marches import decisions, tourniquet
from marches.models import AccordCadre, TourDeTourniquet

# The ECB's main refinancing rate on the first day of each semester (late-payment interest
# runs at it plus 8 points): the rates published by the ECB, the last two to check at
# https://www.ecb.europa.eu before relying on them.
TAUX_BCE = {
    "2023-01-01": "2.50",
    "2023-07-01": "4.00",
    "2024-01-01": "4.50",
    "2024-07-01": "4.25",
    "2025-01-01": "3.15",
    "2025-07-01": "2.15",
    "2026-01-01": "2.15",
    "2026-07-01": "2.15",
}


def charger_ateliers_demo(agent, agent35, instructeur, administrateur):
    """Files attributed by the tourniquet of the accord-cadre in force (one titulaire set
    aside on the way) and their bons de commande at different stages; return the three
    ateliers (Ham, Vitré, Corbie) the first time, None once they exist."""
    for semestre, taux in TAUX_BCE.items():
        TauxBCE.objects.get_or_create(semestre=semestre, defaults={"taux": taux})
    accord = AccordCadre.objects.en_vigueur()
    ham, nouvelle = eligible(
        agent,
        instructeur,
        "Ham, cœur de ville",
        "80410",
        "Ham",
        "Relier le centre, le canal et la gare.",
        jour=-125,
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
        jour=-30,
    )
    corbie, _ = eligible(
        agent,
        instructeur,
        "Corbie, abbaye et bords de Somme",
        "80212",
        "Corbie",
        "Ouvrir l'abbaye sur les bords de Somme.",
        jour=-12,
    )

    def proposition(cand):
        accord.refresh_from_db()
        return tourniquet.titulaire_propose(accord, cand)[0]

    # Ham: the first titulaire declines (it keeps its place), the second takes it; each
    # attribution starts its atelier's cadrage.
    with le(-114, 10):
        attribution.ecarter(
            instructeur,
            ham,
            proposition(ham),
            TourDeTourniquet.Motif.DECLINE,
            "Plan de charge complet jusqu'en mars.",
        )
    with le(-110, 11):
        ham_atelier = attribution.attribuer(instructeur, ham, proposition(ham))
    with le(-20, 11):
        vitre_atelier = attribution.attribuer(instructeur, vitre, proposition(vitre))
    with le(-2, 11):
        corbie_atelier = attribution.attribuer(instructeur, corbie, proposition(corbie))
    # POLAU, served last, is set aside until its team is available again (the next file goes
    # to Ourcq either way).
    polau = accord.titulaires.get(rang=3)
    with le(-1, 16):
        decisions.modifier_tourniquet(
            administrateur,
            accord,
            {t.pk: (t.rang, t.pk != polau.pk) for t in accord.titulaires.all()},
            "Courrier du mandataire du 30 novembre : équipe indisponible jusqu'à fin janvier. "
            "Réintégration à sa demande.",
        )

    bon = _bon_notifie(
        agent,
        ham_atelier,
        -106,
        objet="Atelier Flash de Ham — cadrage et ateliers sur site",
        montant_ht="12000.00",
        engagement_juridique="2100045671",
    )
    with le(-40, 15):
        commandes.attester_service_fait(
            agent, bon, None, "Cadrage et deux jours sur site réalisés, restitution à chaud faite."
        )
    _bon_notifie(
        agent,
        ham_atelier,
        -38,
        objet="Atelier Flash de Ham — livrables et restitution",
        montant_ht="8000.00",
        engagement_juridique="2100045672",
    )
    with le(-15, 14):
        commandes.creer(
            agent35,
            vitre_atelier,
            objet="Atelier Flash de Vitré",
            montant_ht="20000.00",
            code_service="DDTM35-SPAT",
        )
    return ham_atelier, vitre_atelier, corbie_atelier


def _bon_notifie(agent, atelier, jour, **champs):
    """A bon of the DDTM 80 prepared and emitted on ``jour``, notified the next morning."""
    with le(jour, 10):
        bon = commandes.creer(agent, atelier, code_service="DDTM80-SUA", **champs)
        commandes.emettre(agent, bon)
    with le(jour + 1, 9):
        commandes.notifier_titulaire(agent, bon)
    return bon

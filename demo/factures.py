"""The demo's invoices: Ville Ouverte's invoices against Ham's two bons, one at each state,
recorded, accepted, rejected and put into payment through the real transitions on the days
of the story (``demo.horloge``).

- Ham's first bon (service fait 40 days ago): an acompte paid on time; a solde rejected, then
  replaced by its corrected invoice, accepted and paid four days after its deadline (its page
  shows the interest and the 40 € indemnity).
- Ham's second bon (notified, not executed): an acompte accepted, waiting for the service fait
  before its deadline begins; a second acompte received two days ago, to check.
"""

from decimal import Decimal

from django.core.files.base import ContentFile

from commandes import factures
from commandes.models import CENTIME, TauxBCE
from commandes.paiement import semestre_de
from demo.fichiers import pdf_demo
from demo.horloge import jour, le


def _facture(equipe, bon, n, numero, nature, montant_ht, remplace=None):
    """Ville Ouverte's invoice ``numero`` received in Chorus Pro ``n`` days ago, recorded the
    same afternoon."""
    ht = Decimal(montant_ht)
    with le(n, 16):
        return factures.enregistrer(
            equipe,
            bon,
            nature=nature,
            numero=numero,
            reference_chorus=f"CPP-{jour(n):%Y%m%d}-{numero[-3:]}",
            recue_le=jour(n),
            montant_ht=ht,
            montant_tva=(ht * bon.taux_tva / 100).quantize(CENTIME),
            fichier=ContentFile(pdf_demo(f"Facture {numero}"), name=f"facture-{numero}.pdf"),
            remplace=remplace,
        )


def _accepter(agent, facture, n):
    with le(n, 11):
        return factures.accepter(agent, facture, jour(n))


def _payer(agent, facture, n):
    with le(n, 14):
        return factures.mettre_en_paiement(agent, facture, jour(n))


def _taux_du_semestre(n):
    """The story is told from the day of the load: when the ECB's table (``demo.ateliers``)
    stops before the semester of day ``n``, that semester takes the last rate known, a demo
    figure until the administrator enters the published one."""
    semestre = semestre_de(jour(n))
    dernier = TauxBCE.objects.filter(semestre__lt=semestre).first()  # newest first
    if dernier is not None:
        TauxBCE.objects.get_or_create(semestre=semestre, defaults={"taux": dernier.taux})


def charger_factures_demo(agent, equipe, ham):
    """The invoices of Ham's bons, once: nothing when the first bon already has one."""
    premier, second = ham.bons.order_by("ordre")[:2]
    if premier.factures.exists():
        return
    annee = jour(-80).year
    acompte = _facture(equipe, premier, -80, f"VO-{annee}-118", "acompte", "3600.00")
    _accepter(agent, acompte, -78)
    # Its deadline began with the service fait (day -40): paid on day -35, in time.
    _payer(agent, acompte, -35)

    annee = jour(-38).year
    solde = _facture(equipe, premier, -38, f"VO-{annee}-129", "solde", "8400.00")
    with le(-36, 10):
        factures.rejeter(
            agent,
            solde,
            "Le numéro d'engagement juridique 2100045671 ne figure pas sur la facture.",
            jour(-36),
        )
    # Two days had run: the corrected invoice has 28 left from day -33, until day -5.
    rectificative = _facture(
        equipe, premier, -33, f"VO-{annee}-131", "solde", "8400.00", remplace=solde
    )
    _accepter(agent, rectificative, -31)
    _taux_du_semestre(-4)  # the interest runs from the day after the deadline
    _payer(agent, rectificative, -1)

    annee = jour(-20).year
    _accepter(agent, _facture(equipe, second, -20, f"VO-{annee}-140", "acompte", "2400.00"), -18)
    _facture(equipe, second, -2, f"VO-{jour(-2).year}-152", "acompte", "1600.00")

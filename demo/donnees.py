"""A coherent demo: the real groupements of the current accord-cadre, a few services,
communes from the shipped référentiel sample, one account per role and a few files.

``charger_demo`` loads it in order: the accords-cadres and accounts here, the files
(``demo.candidatures``), attribution and bons (``demo.ateliers``), follow-up (``demo.suivi``),
invoices (``demo.factures``), then the programme's history (the catalogue's example file).

Amounts and references of the accords-cadres are illustrative, as are the companies' SIRETs
(valid keys, not their real numbers), the mandataires' addresses and the services'
signatories; names of the groupements and their members are the real ones published by the
ministry (2025).
"""

import contextlib
import hashlib
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from ateliers.models import Atelier
from candidatures.models import Candidature, Echelle, StatutCandidature
from comptes import services as comptes_services
from comptes.models import Invitation, Organisation, Role, User
from comptes.services_deconcentres import generer_services_deconcentres
from demo import horloge
from demo.ateliers import charger_ateliers_demo
from demo.candidatures import FICHE_SUEUR, charger_candidatures_demo
from demo.collectivites import charger_coporteurs_demo
from demo.comptes import COMPTES, MOT_DE_PASSE_DEMO, NOM_DGALN, CompteDemo
from demo.factures import charger_factures_demo
from demo.suivi import charger_suivi_demo
from historique import importation as historique
from marches.models import AccordCadre, MembreGroupement, Titulaire
from notifications import compteur
from referentiels.models import Commune, Thematique
from referentiels.programme import creer_thematiques_et_programmes
from socle.identifiants import valider_siret

ACCORDS_CADRES = [
    ("AC-AF-2019", "Ateliers Flash 2019–2021", date(2019, 3, 1), date(2021, 2, 14), "echu"),
    ("AC-AF-2021", "Ateliers Flash 2021–2025", date(2021, 2, 15), date(2025, 2, 14), "echu"),
    ("AC-AF-2025", "Ateliers Flash 2025–2029", date(2025, 9, 1), date(2029, 8, 31), "en_vigueur"),
]

# The three groupements of the accord-cadre in force since September 2025, in tourniquet order.
GROUPEMENTS = [
    (
        "Groupement Atelier de l'Ourcq",
        [
            ("Atelier de l'Ourcq", "mandataire", "architecture et urbanisme"),
            ("Transversal", "cotraitant", "habitat"),
            ("ZEFCO", "cotraitant", "développement durable"),
            ("Vraiment Vraiment", "cotraitant", "design et projets citoyens"),
            ("Lestoux et associés", "cotraitant", "stratégie commerciale"),
            ("Laurent Davezies", "cotraitant", "économie locale"),
        ],
    ),
    (
        "Groupement Ville Ouverte",
        [
            ("Ville Ouverte", "mandataire", "architecture et urbanisme"),
            ("Creaspace", "cotraitant", "développement économique"),
            ("Coopaname", "cotraitant", "design"),
            ("Ville en Œuvre", "cotraitant", "montage opérationnel, juridique et financier"),
            ("Urban Eco", "cotraitant", "paysage, écologie"),
        ],
    ),
    (
        "Groupement POLAU – pôle arts & urbanisme",
        [
            ("POLAU – pôle arts & urbanisme", "mandataire", "architecture, urbanisme, design"),
            ("Pratiques Urbaines", "cotraitant", "urbanisme"),
            ("L'Effet Urbain", "cotraitant", "habitat logement"),
            ("ZEFCO", "cotraitant", "développement durable"),
        ],
    ),
]


# Printed on the bons de commande (illustrative).
ADRESSES_DES_MANDATAIRES = {
    "Atelier de l'Ourcq": "18 rue de Crimée\n75019 Paris",
    "Ville Ouverte": "30 rue de Paris\n93100 Montreuil",
    "POLAU – pôle arts & urbanisme": "20 rue des Grands-Champs\n37700 Saint-Pierre-des-Corps",
}
SERVICES_DEMO = {
    "80": ("1 boulevard du Port\n80026 Amiens Cedex 1", "Claire Dumont"),
    "35": ("10 rue Maurice Fabre\n35031 Rennes Cedex", "Yann Le Gall"),
}


def siret_illustratif(nom):
    """A 14-digit SIRET with a valid key, the same for a name at every load."""
    debut = "99" + str(int(hashlib.sha256(nom.encode()).hexdigest(), 16) % 10**11).zfill(11)
    for cle in "0123456789":
        if _cle_valide(debut + cle):
            return debut + cle
    raise AssertionError  # one of ten keys always fits


def _cle_valide(chiffres):
    try:
        valider_siret(chiffres)
    except ValidationError:
        return False
    return True


def _societe(nom):
    org, _ = Organisation.objects.get_or_create(
        type=Organisation.Type.PRESTATAIRE, nom=nom, defaults={"actif": True}
    )
    if not org.siret:
        org.siret = siret_illustratif(nom)
        org.adresse = ADRESSES_DES_MANDATAIRES.get(nom, "")
        org.save(update_fields=["siret", "adresse"])
    return org


def _utilisateur(email, prenom, nom, role, organisation, fonction):
    user = User.objects.filter(email=email).first() or User(email=email)
    user.first_name, user.last_name, user.fonction = prenom, nom, fonction
    user.role, user.organisation = role, organisation
    user.set_password(MOT_DE_PASSE_DEMO)
    user.full_clean()
    user.save()
    return user


EXEMPLE_HISTORIQUE = settings.BASE_DIR / "docs" / "exemples" / "historique.csv"

COORDONNEES_DEMO = (
    ("80253", "50.15670", "2.34110"),
    ("80410", "49.74670", "3.07330"),
    ("35360", "48.12420", "-1.20860"),
    ("80212", "49.90920", "2.50810"),
    ("80016", "50.00140", "2.65220"),
    ("80001", "50.10540", "1.83320"),
    ("80620", "49.93220", "2.93640"),
)


@transaction.atomic
def charger_demo(etape=lambda _libelle: contextlib.nullcontext()):
    """Load the demo (idempotent); return the demo accounts. ``etape(libellé)`` is a context
    manager around each step (``manage.py charger_demo`` prints each with its duration)."""
    # The PDFs and e-mails of the story are produced once its transaction commits: a step of
    # their own, opened by the first hook and closed by the last one.
    taches = etape("Documents PDF et notifications")
    transaction.on_commit(taches.__enter__)
    with horloge.histoire():
        with etape("Organisations, accords-cadres et comptes"), horloge.le(-240, 9):
            comptes = _organisations_et_comptes()
        with etape("Atelier réalisé de Doullens (2023–2024)"):
            _doullens(comptes)
        # Today's files go through the real transitions, so that their timelines are real.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            agent, agent35, instructeur = (comptes[c] for c in ("agent", "agent35", "instructeur"))
            with etape("Candidatures à chaque étape de l'instruction"):
                charger_candidatures_demo(agent, agent35, instructeur)
            with etape("Attribution par le tourniquet et bons de commande"):
                ateliers = charger_ateliers_demo(agent, agent35, instructeur, comptes["admin"])
            with etape("Suivi des ateliers : planning, programme, livrables"):
                if ateliers:
                    charger_suivi_demo(agent, agent35, instructeur, *ateliers)
            with etape("Collectivités co-porteuses (Albert, Doullens)"):
                charger_coporteurs_demo(comptes)
            with etape("Factures des bons de commande et leur paiement"):
                if ateliers:
                    charger_factures_demo(agent, comptes["ville_ouverte"], ateliers[0])
            # A colleague invited by the DDTM, who has not accepted yet.
            email = "nouvelle.collegue.ddtm80@demo.gouv.fr"
            if not Invitation.objects.filter(email=email).exists():
                with horloge.le(-3, 15):
                    comptes_services.inviter(
                        agent,
                        email=email,
                        prenom="Inès",
                        nom="Garnier",
                        role=Role.AGENT,
                        organisation=comptes["ddtm80"],
                    )
        # The programme's past, as the DGALN would load it: the documented example file.
        with etape("Historique du programme (ateliers d'avant le portail)"):
            if not Atelier.objects.filter(historique=True).exists():
                with horloge.le(-235, 14):
                    historique.importer(
                        comptes["admin"],
                        historique.lire_fichier(EXEMPLE_HISTORIQUE),
                        fichier=EXEMPLE_HISTORIQUE.name,
                    )
        lire_l_histoire()
    transaction.on_commit(lambda: taches.__exit__(None, None, None))
    return comptes_demo()


def _organisations_et_comptes():
    generer_services_deconcentres()
    creer_thematiques_et_programmes()
    ddtm80 = Organisation.objects.services().get(type_service="DDTM", departement_id="80")
    ddtm35 = Organisation.objects.services().get(type_service="DDTM", departement_id="35")
    for service in (ddtm80, ddtm35):
        service.adresse, service.signataire_nom = SERVICES_DEMO[service.departement_id]
        service.save(update_fields=["adresse", "signataire_nom"])
    dgaln, _ = Organisation.objects.get_or_create(type=Organisation.Type.DGALN, nom=NOM_DGALN)

    accords = {}
    for reference, intitule, debut, fin, statut in ACCORDS_CADRES:
        accords[reference], _ = AccordCadre.objects.update_or_create(
            reference=reference,
            defaults={
                "intitule": intitule,
                "date_debut": debut,
                "date_fin": fin,
                "statut": statut,
                "montant_max_ht": Decimal("3000000.00"),
            },
        )
    titulaires = {}
    for reference in ("AC-AF-2021", "AC-AF-2025"):
        for rang, (nom, membres) in enumerate(GROUPEMENTS, start=1):
            titulaire, _ = Titulaire.objects.update_or_create(
                accord_cadre=accords[reference], rang=rang, defaults={"nom": nom}
            )
            titulaires[reference, rang] = titulaire
            for societe, role, specialite in membres:
                MembreGroupement.objects.update_or_create(
                    titulaire=titulaire,
                    organisation=_societe(societe),
                    defaults={"role": role, "specialite": specialite},
                )
    organisations = {"ddtm80": ddtm80, "ddtm35": ddtm35, "dgaln": dgaln}
    comptes = {
        cle: _utilisateur(
            c.email, c.prenom, c.nom, c.role, _organisation(c, organisations), c.fonction
        )
        for cle, c in COMPTES.items()
    }
    comptes.update(organisations, accords=accords, titulaires=titulaires)
    return comptes


def _organisation(compte, organisations):
    """A demo account's organisation: a service or the DGALN by its key, a collectivité by
    its commune's INSEE code (made from the référentiel, as an invitation makes it), else a
    company by its name."""
    if compte.role == Role.COLLECTIVITE:
        commune = Commune.objects.get(code=compte.organisation)
        return Organisation.objects.de_la_collectivite(commune=commune)
    return organisations.get(compte.organisation) or _societe(compte.organisation)


def _doullens(comptes):
    """The 2023–2024 atelier of Doullens, whose work predates the portal (its follow-up is
    in ``demo.suivi``)."""
    # Points of the demo's communes (town halls, WGS 84) for the public map and open data;
    # the referential's sample carries none.
    for code, lat, lon in COORDONNEES_DEMO:
        Commune.objects.filter(code=code).update(latitude=lat, longitude=lon)
    doullens = Commune.objects.get(code="80253")
    if doullens.epci_id:
        Organisation.objects.de_la_collectivite(epci=doullens.epci)
    with horloge.au(timezone.make_aware(datetime(2023, 6, 12, 10))):
        sueur, _ = Candidature.objects.get_or_create(
            titre="Reconquête du site Sueur",
            defaults={
                "service": comptes["ddtm80"],
                "statut": StatutCandidature.ATTRIBUEE,
                "annee": 2023,
                "echelle": Echelle.QUARTIER,
                "epci": doullens.epci,
                "cree_par": comptes["agent"],
                "description": (
                    "Reconversion d'une ancienne filature d'environ 20 000 m² dans le cadre "
                    "d'une expérimentation « zéro artificialisation nette »."
                ),
                **FICHE_SUEUR,
            },
        )
        sueur.communes.set([doullens])
        sueur.thematiques.set(Thematique.objects.filter(libelle="Reconversion des friches"))
        sueur.mettre_a_jour_recherche()
    with horloge.au(timezone.make_aware(datetime(2023, 8, 28, 10))):
        Atelier.objects.get_or_create(
            candidature=sueur,
            defaults={
                "accord_cadre": comptes["accords"]["AC-AF-2021"],
                "titulaire": comptes["titulaires"]["AC-AF-2021", 2],
                "service_pilote": comptes["ddtm80"],
            },
        )


NON_LUES_LAISSEES = 3


def lire_l_histoire():
    """The demo's story happened before the visitor logs in: each person finds only their
    last few notifications unread, not the whole history (21 for the agent otherwise)."""
    maintenant = timezone.now()
    for personne in User.objects.filter(notifications__lue_le__isnull=True).distinct():
        recentes = personne.notifications.non_lues().order_by("-creee_le", "-id")
        gardees = list(recentes.values_list("pk", flat=True)[:NON_LUES_LAISSEES])
        recentes.exclude(pk__in=gardees).update(lue_le=maintenant)
        compteur.oublier(personne.pk)


def comptes_demo():
    """The demo accounts in the order of ``COMPTES`` (the README's), from the base."""
    ordre = [c.email for c in COMPTES.values()]
    personnes = User.objects.filter(email__in=ordre).select_related("organisation")
    return [
        CompteDemo(u.email, u.get_role_display(), str(u.organisation), u.fonction)
        for u in sorted(personnes, key=lambda u: ordre.index(u.email))
    ]

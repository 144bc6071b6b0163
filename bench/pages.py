"""The pages ``make bench`` loads, each as the role that uses it, chosen on the seeded base.

A page is ``Page(nom, url, user, famille, role)``:

- ``famille`` says which target it answers to: ``reference`` (the anonymous yardstick),
  ``reference_connectee`` (the same base page, signed in as a role), ``liste`` and ``fiche``
  (signed-in pages, compared with both references), ``public`` (the catalogue, the same for
  every visitor), ``admin`` (the Django admin's changelists used by the DGALN) and ``export``.
- ``role`` names the signed-in reference a page is compared with (the same role's base page).
"""

from dataclasses import dataclass

REFERENCE = "reference"
REFERENCE_CONNECTEE = "reference_connectee"
LISTE = "liste"
FICHE = "fiche"
PUBLIC = "public"
ADMIN = "admin"
EXPORT = "export"

DOMAINE = "@volume.exemple.gouv.fr"


@dataclass(frozen=True)
class Page:
    nom: str
    url: str
    user: object = None
    famille: str = LISTE
    role: str = ""


def _comptes():
    from django.db.models import Count

    from ateliers.models import Atelier
    from comptes.models import Role, User

    instructeur = User.objects.get(email=f"instructeur.1{DOMAINE}")
    administrateur = User.objects.get(role=Role.ADMINISTRATEUR, email__endswith=DOMAINE)
    # The service that pilots the most ateliers (all have about as many files).
    service = (
        Atelier.objects.values("service_pilote")
        .annotate(n=Count("pk"))
        .order_by("-n", "service_pilote")[0]["service_pilote"]
    )
    agent = User.objects.filter(role=Role.AGENT, organisation_id=service).order_by("pk").first()
    atelier = (
        Atelier.objects.filter(service_pilote_id=service)
        .annotate(n=Count("bons"))
        .order_by("-n", "-pk")
        .first()
    )
    prestataire = (
        User.objects.filter(
            role=Role.PRESTATAIRE, organisation__groupements__titulaire=atelier.titulaire
        )
        .order_by("pk")
        .first()
    )
    return instructeur, administrateur, agent, prestataire, atelier


def _boite():
    """The inbox: the largest state, newest deposit first, page 50 (or the last page)."""
    from django.db.models import Count
    from django.urls import reverse

    from candidatures.models import Candidature

    statut = Candidature.objects.values("statut").annotate(n=Count("pk")).order_by("-n")[0]
    page = min(50, max(1, statut["n"] // 25))
    url = f"{reverse('candidatures:liste')}?statut={statut['statut']}&tri=-depot&page={page}"
    return page, url


def _export(instructeur):
    """An export of as close to 1 000 rows as a filter of the list gives (1 000 is the largest
    export served at once; above, it goes to the queue), counted by the list's own filters."""
    from django.urls import reverse

    from candidatures.filters import CandidatureFilter
    from candidatures.models import Candidature
    from referentiels.models import Region

    essais = [{"annee": a} for a in range(2019, 2027)] + [
        {"region": r} for r in Region.objects.values_list("code", flat=True)
    ]
    meilleur, lignes = None, 0
    visibles = Candidature.objects.visible_to(instructeur)
    for essai in essais:
        n = CandidatureFilter.pour(instructeur, essai, visibles).qs.count()
        if lignes < n <= 1000:
            meilleur, lignes = essai, n
    requete = "&".join(f"{k}={v}" for k, v in meilleur.items())
    return lignes, f"{reverse('exports:exporter', args=['candidatures', 'csv'])}?{requete}"


def choisir_pages():
    """Every measured page, in the order of the table."""
    from django.urls import reverse

    from ateliers.models import Atelier

    instructeur, administrateur, agent, prestataire, atelier = _comptes()
    page, boite = _boite()
    lignes, export = _export(instructeur)
    publie = Atelier.objects.publies().order_by("pk").first()
    reference = reverse("reference")
    roles = (
        ("instructeur", instructeur),
        ("agent", agent),
        ("prestataire", prestataire),
        ("administrateur", administrateur),
    )
    return [
        Page("Page de référence, anonyme (gabarit de base)", reference, None, REFERENCE),
        *(
            Page(
                f"Page de référence, connecté ({role})", reference, user, REFERENCE_CONNECTEE, role
            )
            for role, user in roles
        ),
        Page(
            f"Boîte de l'instructeur (filtrée, triée, page {page})",
            boite,
            instructeur,
            LISTE,
            "instructeur",
        ),
        Page(
            "Liste des ateliers (DGALN)",
            reverse("ateliers:liste"),
            instructeur,
            LISTE,
            "instructeur",
        ),
        Page(
            "Annuaire (DGALN)", reverse("annuaire:organisations"), instructeur, LISTE, "instructeur"
        ),
        Page(
            "Liste du service (candidatures)", reverse("candidatures:liste"), agent, LISTE, "agent"
        ),
        Page("Bons de commande du service", reverse("commandes:liste"), agent, LISTE, "agent"),
        Page(
            "Livrables du prestataire",
            reverse("livrables:liste"),
            prestataire,
            LISTE,
            "prestataire",
        ),
        Page(
            "Page d'un atelier",
            reverse("ateliers:detail", args=[atelier.pk]),
            agent,
            FICHE,
            "agent",
        ),
        Page(
            "Page d'une candidature",
            reverse("candidatures:detail", args=[atelier.candidature_id]),
            agent,
            FICHE,
            "agent",
        ),
        Page("Catalogue public", reverse("catalogue:liste"), None, PUBLIC),
        Page("Atelier du catalogue", reverse("catalogue:atelier", args=[publie.pk]), None, PUBLIC),
        Page("Carte du catalogue (GeoJSON)", reverse("catalogue:donnees_geojson"), None, PUBLIC),
        *(
            Page(f"Admin : {nom}", f"/admin/{chemin}/", administrateur, ADMIN, "administrateur")
            for nom, chemin in (
                ("candidatures", "candidatures/candidature"),
                ("ateliers", "ateliers/atelier"),
                ("bons de commande", "commandes/bondecommande"),
                ("organisations", "comptes/organisation"),
                ("comptes", "comptes/user"),
                ("journal", "journal/evenement"),
            )
        ),
        Page(f"Export CSV de {lignes} candidatures", export, instructeur, EXPORT, "instructeur"),
    ]

"""Every page fits a desktop (1 280 px) and a phone (375 px), WCAG 1.4.10 (reflow).

For each role of the demo (anonymous visitor, service agent, instructeur, administrator, both
prestataires), each list and detail page is opened at 1 280 px, then shown at 375 px, and:

- the page is never wider than the window;
- at 1 280 px no table (nor chart) is wider than its box: lists fit, no column is cut;
- a table or a chart that scrolls sideways does so in a region the keyboard reaches
  (tabindex="0", role="region", a name), and says so above it (« Faites défiler … »);
  one that fits says nothing;
- axe-core finds nothing (WCAG 2 A/AA), scrollable-region-focusable included.

Then what the issue named, on the phone: the pilotage's counters inside the screen and its bar
charts drawn at a readable width in their scrolling region, an atelier's planning whole (its
dates and its « En retard » badge), the profile's e-mail address inside the screen, the map's
overseas territories apart. One demo for the whole module, one log-in per role.
"""

import datetime
import itertools
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.navigateur.outils import connecter, violations_wcag

BUREAU = {"width": 1280, "height": 900}
TELEPHONE = {"width": 375, "height": 812}
GABARITS = Path(settings.BASE_DIR) / "templates"

# What a page's layout says about widths, once it has settled (two frames after a resize:
# static/js/defilement.js marks the regions that scroll in a ResizeObserver).
MESURES = """async () => {
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const nom = el => {
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    const textes = ids.map(id => document.getElementById(id)?.textContent.trim() || '');
    return textes.join(' ').trim() || (el.getAttribute('aria-label') || '').trim();
  };
  // Each region that may scroll, and each table outside one (measured against its box).
  const boites = [...document.querySelectorAll('[data-defilement]')];
  for (const table of document.querySelectorAll('table')) {
    if (!table.closest('[data-defilement]')) {
      boites.push(table.closest('.fr-table__container') || table.parentElement);
    }
  }
  const regions = boites.map(region => {
    const bloc = region.closest('.fr-table, .af-graphique');
    const indication = bloc && bloc.querySelector('.af-defilement');
    const table = region.querySelector('table');
    return {
      nom: nom(region) || (table && table.caption ? table.caption.textContent.trim() : '')
        || region.outerHTML.slice(0, 100),
      defile: region.scrollWidth > region.clientWidth + 1,
      clavier: region.getAttribute('tabindex') === '0' && region.getAttribute('role') === 'region'
        && nom(region) !== '',
      indication: !!(indication && indication.offsetParent),
      largeurs: `${region.scrollWidth} px dans ${region.clientWidth} px`,
    };
  });
  return {
    page: document.documentElement.scrollWidth,
    fenetre: window.innerWidth,
    regions,
  };
}"""


def _pages():
    """Each role's list and detail pages, on the demo's objects: ``{email: [path]}``, None for
    the anonymous visitor."""
    from ateliers.models import Atelier
    from candidatures.models import Candidature
    from comptes.models import User

    ham = Atelier.objects.get(candidature__titre="Ham, cœur de ville")
    vitre = Atelier.objects.get(candidature__titre="Vitré, entrée de ville est")
    sueur = Atelier.objects.get(candidature__titre="Reconquête du site Sueur")
    peronne = Candidature.objects.get(titre="Centre-ville de Péronne")
    redon = Candidature.objects.get(titre="Friche ferroviaire de Redon")
    agent = User.objects.get(email="agent.ddtm80@demo.gouv.fr")
    bon, livrable = ham.bons.order_by("pk").first(), ham.livrables.order_by("pk").first()
    commun = [reverse("tableau_de_bord"), reverse("comptes:profil")]
    atelier = [
        reverse("ateliers:liste"),
        reverse("commandes:liste"),
        reverse("livrables:liste"),
        reverse("ateliers:detail", args=[ham.pk]),
        reverse("commandes:detail", args=[bon.pk]),
        reverse("livrables:detail", args=[livrable.pk]),
        reverse("livrables:feuille_de_route", args=[ham.pk]),
    ]
    return {
        None: [
            reverse("accueil_public"),
            reverse("catalogue:liste"),
            reverse("catalogue:atelier", args=[sueur.pk]),
            reverse("catalogue:donnees"),
            reverse("page", args=["accessibilite"]),
        ],
        "agent.ddtm80@demo.gouv.fr": [
            *commun,
            *atelier,
            reverse("candidatures:liste"),
            reverse("candidatures:detail", args=[peronne.pk]),
            reverse("notifications:liste"),
            reverse("comptes:invitations"),
            reverse("exports:mes_exports"),
            reverse("livrables:fiche", args=[ham.pk]),
            reverse("ateliers:programme", args=[ham.pk]),
        ],
        "instructeur@demo.gouv.fr": [
            *commun,
            reverse("candidatures:liste"),
            reverse("candidatures:detail", args=[redon.pk]),
            reverse("ateliers:attribuer", args=[peronne.pk]),
            reverse("pilotage:tableau"),
            reverse("commandes:accords_cadres"),
            reverse("commandes:accord_cadre", args=[ham.accord_cadre_id]),
            reverse("ateliers:liste"),
            reverse("annuaire:organisations"),
            reverse("annuaire:personnes"),
            reverse("annuaire:organisation", args=[agent.organisation_id]),
            reverse("annuaire:personne", args=[agent.pk]),
        ],
        "admin@demo.gouv.fr": [
            *commun,
            reverse("candidatures:liste"),
            reverse("comptes:invitations"),
        ],
        "prestataire@ville-ouverte.demo": [*commun, *atelier, reverse("candidatures:liste")],
        "prestataire@atelier-ourcq.demo": [
            *commun,
            reverse("ateliers:liste"),
            reverse("ateliers:detail", args=[vitre.pk]),
            reverse("livrables:liste"),
            reverse("commandes:liste"),
        ],
    }


def _ecarts(mesures, taille):
    """What is wrong with a page's widths at ``taille``, in words."""
    ecarts = []
    if mesures["page"] > mesures["fenetre"]:
        ecarts.append(f"page de {mesures['page']} px dans {mesures['fenetre']} px")
    for region in mesures["regions"]:
        if region["defile"] and taille is BUREAU:
            ecarts.append(f"plus large que sa boîte ({region['largeurs']}) : {region['nom']}")
        if region["defile"] and not region["clavier"]:
            ecarts.append(f"défile hors d'atteinte du clavier : {region['nom']}")
        if region["defile"] != region["indication"]:
            ecarts.append(f"indication « Faites défiler » {region['indication']} : {region['nom']}")
    return ecarts


def _verifier(page, qui, chemin, ecarts):
    """Open ``chemin`` on the desktop, then show it on the phone; record what is wrong."""
    page.set_viewport_size(BUREAU)
    reponse = page.goto(chemin)
    assert reponse.status == 200, f"{chemin} : {reponse.status}"
    if page.locator("bar-chart, map-chart").count():
        page.wait_for_load_state("networkidle")
    for taille in (BUREAU, TELEPHONE):
        page.set_viewport_size(taille)
        trouves = _ecarts(page.evaluate(MESURES), taille) + violations_wcag(page)
        if trouves:
            ecarts[f"{chemin} ({qui}) à {taille['width']} px"] = trouves


def _hors_de_l_ecran(page, localisateur):
    """The boxes of what ``localisateur`` finds that stick out of the window, sideways."""
    return localisateur.evaluate_all(
        """(els, largeur) => els.map(e => e.getBoundingClientRect())
             .filter(r => r.width && (r.left < 0 || r.right > largeur))
             .map(r => [Math.round(r.left), Math.round(r.right)])""",
        page.viewport_size["width"],
    )


def _pilotage_sur_un_telephone(page):
    """The DGALN's dashboard on a phone: its counters inside the screen, each bar chart drawn
    at a readable width (its labels are drawn to it) in a region that scrolls, which the
    keyboard reaches and which says it scrolls; the figures stay in the tables."""
    page.set_viewport_size(TELEPHONE)
    page.goto(reverse("pilotage:tableau"))
    page.locator("bar-chart canvas").first.wait_for()
    page.evaluate(MESURES)
    ecarts = []
    for section in (re.compile(r"^Campagne \d{4}$"), "Bilans des ateliers et suites"):
        if page.get_by_role("region", name=section).locator(".fr-callout").count() != 3:
            ecarts.append(f"trois compteurs attendus dans « {section} »")
    if dehors := _hors_de_l_ecran(page, page.locator(".fr-callout, .fr-callout *")):
        ecarts.append(f"compteurs hors de l'écran : {dehors}")
    graphiques = page.locator("bar-chart")
    largeurs = graphiques.locator("canvas").evaluate_all(
        "cs => cs.map(c => Math.round(c.getBoundingClientRect().width))"
    )
    if not largeurs or min(largeurs) < 500:
        ecarts.append(f"graphiques trop étroits pour leurs libellés : {largeurs} px")
    for i in range(graphiques.count()):
        region = graphiques.nth(i).locator("xpath=ancestor::*[@role='region'][1]")
        if region.count() != 1 or region.get_attribute("tabindex") != "0":
            ecarts.append(f"graphique {i + 1} hors d'une région qui prend le focus")
        elif not region.locator("xpath=..").locator(".af-defilement").is_visible():
            ecarts.append(f"graphique {i + 1} sans « Faites défiler le graphique »")
    if page.get_by_role("table", name=re.compile(r"\(données\)$")).count() < 5:
        ecarts.append("tableaux de données des graphiques absents")
    return ecarts


def _outre_mer_separes(page):
    """The map's overseas territories side by side never touch (« GuadeloupeMartinique »)."""
    page.locator("map-chart .om_container .om").first.wait_for()
    boites = page.locator("map-chart .om_container .om").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect()).map(r => [r.left, r.right, r.top])"
    )
    voisins = [(a, b) for a, b in itertools.pairwise(boites) if abs(a[2] - b[2]) < 1]
    if not voisins or any(b[0] - a[1] < 8 for a, b in voisins):
        return [f"territoires d'outre-mer collés : {[(round(a), round(b)) for a, b, _ in boites]}"]
    return []


def _planning_sur_un_telephone(page, atelier):
    """An atelier's planning fits the phone: no date nor « En retard » badge hidden past the
    edge of its region or of the screen."""
    page.set_viewport_size(TELEPHONE)
    page.goto(reverse("ateliers:detail", args=[atelier.pk]))
    planning = page.get_by_role("table", name="Planning de l'atelier")
    ecarts = []
    if not planning.evaluate("t => t.offsetWidth <= t.parentElement.parentElement.clientWidth"):
        ecarts.append("le planning défile : ses dernières colonnes sont cachées")
    retard = planning.get_by_text("En retard")
    if retard.count() != 1 or not retard.is_visible():
        ecarts.append("badge « En retard » absent du planning")
    if dehors := _hors_de_l_ecran(page, planning.locator("td, th, .fr-badge")):
        ecarts.append(f"planning hors de l'écran : {dehors}")
    if planning.get_by_role("cell", name=re.compile(r"[0-9]{2}.[0-9]{2}.[0-9]{4}")).count() < 4:
        ecarts.append("dates du planning absentes")
    return ecarts


def _profil_sur_un_telephone(page):
    """The profile's e-mail address, a long word, breaks inside the screen."""
    page.set_viewport_size(TELEPHONE)
    page.goto(reverse("comptes:profil"))
    if dehors := _hors_de_l_ecran(page, page.locator("dl dt, dl dd")):
        return [f"adresse e-mail hors de l'écran : {dehors}"]
    return []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_page_fits_the_desktop_and_the_phone(page, demo):
    from ateliers.models import Atelier, EtapePlanning, Phase

    # One of Ham's phases late, so that its planning shows an « En retard » badge.
    ham = Atelier.objects.get(candidature__titre="Ham, cœur de ville")
    EtapePlanning.objects.filter(atelier=ham, phase=Phase.PRODUCTION).update(
        fin_prevue=datetime.date.today() - datetime.timedelta(days=3), fin_reelle=None
    )
    ecarts = {}
    for email, chemins in _pages().items():
        if email:
            page.set_viewport_size(BUREAU)
            connecter(page, email)
        for chemin in chemins:
            _verifier(page, email or "visiteur", chemin, ecarts)
        if email == "instructeur@demo.gouv.fr":
            ecarts["pilotage à 375 px"] = _pilotage_sur_un_telephone(page)
            ecarts["carte du pilotage à 375 px"] = _outre_mer_separes(page)
            ecarts["planning de Ham à 375 px"] = _planning_sur_un_telephone(page, ham)
        if email is None:
            page.set_viewport_size(TELEPHONE)
            page.goto(reverse("catalogue:liste"))
            ecarts["carte du catalogue à 375 px"] = _outre_mer_separes(page)
        else:
            ecarts[f"profil de {email} à 375 px"] = _profil_sur_un_telephone(page)
    fautes = [f"{quoi} — {faute}" for quoi, liste in ecarts.items() for faute in liste]
    assert fautes == [], "\n".join(["Ce qui ne tient pas :", *fautes])


def test_every_table_scrolls_in_a_named_region_that_takes_the_focus():
    """Templates too: each DSFR table's scrolling container is a region the keyboard reaches,
    named by its caption, with the hint above it — also those the journey above does not
    open."""
    fautes = []
    for chemin in sorted(GABARITS.rglob("*.html")):
        if "documents/pdf" in str(chemin):
            continue  # PDFs are not scrolled
        texte = chemin.read_text(encoding="utf-8")
        nom = chemin.relative_to(GABARITS)
        for conteneur in re.findall(r'<div class="fr-table__container"[^>]*>', texte):
            ident = re.search(r'aria-labelledby="([^"]+)"', conteneur)
            if not (
                "data-defilement" in conteneur
                and 'tabindex="0"' in conteneur
                and 'role="region"' in conteneur
                and ident
                and f'<caption id="{ident.group(1)}"' in texte
            ):
                fautes.append(f"{nom}: {conteneur}")
        tableaux = len(re.findall(r'<div class="fr-table[ "]', texte))
        if texte.count('{% include "includes/defilement.html" %}') < tableaux:
            fautes.append(f"{nom}: un tableau sans l'indication « Faites défiler »")
    assert fautes == []

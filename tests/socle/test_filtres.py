"""The filters' select, rendered in Python for speed, gives the markup Django's template does."""

import pytest
from django import forms
from django.db import connection
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from referentiels.models import Region
from socle import filtres
from socle.filtres import Select
from tests.factories import RegionFactory, ServiceFactory, UserFactory


class Formulaire(forms.Form):
    etat = forms.ChoiceField(
        choices=[("", "Tous"), ("a", "Déposée"), ("b", "<script>alert(1)</script>")],
        required=False,
        widget=Select,
    )
    groupe = forms.ChoiceField(
        choices=[("Bretagne", [("35", "Ille-et-Vilaine"), ("22", "Côtes-d'Armor")]), ("", "—")],
        required=False,
        widget=Select,
    )


class Reference(forms.Select):
    """Django's own select, with the same class."""

    def __init__(self):
        super().__init__({"class": "fr-select"})


def test_python_select_renders_like_djangos_template_and_escapes_labels():
    formulaire = Formulaire({"etat": "b", "groupe": "22"})
    for nom in ("etat", "groupe"):
        champ = formulaire[nom]
        rapide = champ.as_widget()
        reference = Reference()
        reference.choices = formulaire.fields[nom].choices
        attendu = reference.render(champ.html_name, champ.value(), attrs={"id": champ.auto_id})
        assert parse_html(rapide) == parse_html(attendu), nom
    html = formulaire["etat"].as_widget()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert 'value="b" selected' in html


@pytest.mark.django_db
def test_a_filters_options_are_rendered_once_and_follow_the_rows_they_offer(client):
    """The inbox's select of services: kept between pages, a new service shows at once, and
    the chosen one is marked on the kept options."""
    client.force_login(UserFactory(instructeur=True))
    url = reverse("candidatures:liste")
    ServiceFactory(nom="DDT de la Somme")
    assert "DDT de la Somme" in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as seconde:
        client.get(url)
    assert not any('"comptes_organisation"' in q["sql"] for q in seconde)
    nouveau = ServiceFactory(nom="DDTM du Finistère")
    page = client.get(url, {"service": nouveau.pk}).content.decode()
    assert f'<option value="{nouveau.pk}" selected>DDTM du Finistère</option>' in page
    # One option chosen per select: « Tous » everywhere else.
    assert page.count(" selected>") == page.count("<select ")


@pytest.mark.django_db
def test_an_import_of_the_referentiel_renews_the_filters_options(client, tmp_path):
    client.force_login(UserFactory(instructeur=True))
    url = reverse("candidatures:liste")
    region = RegionFactory(nom="Armor")
    assert ">Armor</option>" in client.get(url).content.decode()
    Region.objects.filter(pk=region.pk).update(nom="Argoat")  # in bulk, as the import writes
    assert ">Armor</option>" in client.get(url).content.decode()
    filtres.oublier()  # what importer_referentiel does once it commits
    assert ">Argoat</option>" in client.get(url).content.decode()

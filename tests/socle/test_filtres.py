"""The filters' select, rendered in Python for speed, gives the markup Django's template does."""

from django import forms
from django.test.html import parse_html

from socle.filtres import Select


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

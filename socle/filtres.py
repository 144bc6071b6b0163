"""The base of every list's filters: the list page and its export build them the same way."""

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

# The longest search a list accepts. Nobody types more; SQLite refuses LIKE patterns over
# 50 000 bytes (a server error) and PostgreSQL would scan the table for nothing.
LONGUEUR_RECHERCHE = 200


class Select(forms.Select):
    """A DSFR select, rendered in Python.

    The lists' filters offer a hundred départements, services or reviewers; Django renders
    a template per option, which made the filters the slowest part of a list page. The
    markup is the same as Django's (``tests/config/test_filtres.py`` compares them).
    """

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "fr-select", **(attrs or {})}, choices)

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        morceaux = []
        for groupe, options, _ in widget["optgroups"]:
            lignes = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    ("" if o["value"] is None else str(o["value"]), flatatt(o["attrs"]), o["label"])
                    for o in options
                ),
            )
            morceaux.append(
                format_html('<optgroup label="{}">{}</optgroup>', groupe, lignes)
                if groupe
                else lignes
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(widget["attrs"]),
            mark_safe("".join(morceaux)),  # each part escaped by format_html above
        )


class FiltreDeListe(django_filters.FilterSet):
    """A list's FilterSet. ``pour`` is the one way to build it, from the page's query string,
    so that an export applies exactly the filters of the screen it was asked from."""

    @classmethod
    def pour(cls, user, donnees, queryset):
        """The filters as ``user`` sees them, applied to ``donnees`` over ``queryset``.

        Unknown parameters (``page``…) are ignored, and so is a value that is not one of the
        choices: the list then shows every row, as it always has.
        """
        return cls(donnees or None, queryset=queryset)

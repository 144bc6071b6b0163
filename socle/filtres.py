"""The base of every list's filters: the list page and its export build them the same way."""

import hashlib
import threading
import time

import django_filters
from django import forms
from django.core.cache import cache, caches
from django.core.signals import request_finished, request_started
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

# The longest search a list accepts. Nobody types more; SQLite refuses LIKE patterns over
# 50 000 bytes (a server error) and PostgreSQL would scan the table for nothing.
LONGUEUR_RECHERCHE = 200
# Seconds the rendered options of a select are kept (a change the signals cannot see, a row
# written in bulk, shows after this at most).
DUREE = 600
# The rendered options, in this process's memory (their keys hold the shared versions).
locale = caches["local"]
# The versions read during the current request.
_requete = threading.local()


class Select(forms.Select):
    """A DSFR select, rendered in Python, its options kept in the cache.

    The lists' filters offer a hundred départements, services or reviewers; Django renders
    a template per option, which made the filters the slowest part of a list page. The
    markup is the same as Django's (``tests/socle/test_filtres.py`` compares them).

    The options of a select are the same for every request with the same choices: they are
    rendered once and kept under the choices' source (the SQL of a model's queryset, or the
    list itself) and the version of that model (``version``), which any change to a row of
    it moves on. Only the chosen option is marked at each request.
    """

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "fr-select", **(attrs or {})}, choices)

    def _options(self, name):
        choix = self.choices
        if isinstance(choix, ModelChoiceIterator):
            champ = choix.field
            suivre(choix.queryset.model)  # already, for the lists' filters (FiltreDeListe)
            source = (
                version(choix.queryset.model),
                str(choix.queryset.query),
                champ.empty_label,
                getattr(champ, "null_label", None),
                getattr(champ, "null_value", None),
            )
        else:
            source = (version(None), list(choix))
        cle = f"filtres:options:{hashlib.sha256(repr(source).encode()).hexdigest()}"
        options = locale.get(cle)
        if options is None:
            options = self._rendre_options(name)
            locale.set(cle, options, DUREE)
        return options

    def _rendre_options(self, name):
        morceaux = []
        for groupe, options, _ in self.optgroups(name, []):
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
        return "".join(morceaux)

    def render(self, name, value, attrs=None, renderer=None):
        options = self._options(name)
        # As Django's select: the first option whose value is the field's is selected.
        for valeur in self.format_value(value)[:1]:
            option = format_html('<option value="{}">', valeur)
            options = options.replace(option, f"{option[:-1]} selected>", 1)
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe(options),  # each part escaped by format_html
        )


def _cle_version(modele):
    return f"filtres:version:{modele._meta.label if modele else '*'}"


@receiver(request_started)
@receiver(request_finished)
def _nouvelle_requete(**kwargs):
    _requete.versions = {}


def _lire_versions(cles):
    """The versions under ``cles``, made when missing, read once per request (one round trip
    to the shared cache)."""
    memoire = getattr(_requete, "versions", None)
    if memoire is None:
        memoire = {}
    manquantes = [cle for cle in cles if cle not in memoire]
    if manquantes:
        lues = cache.get_many(manquantes)
        for cle in manquantes:
            if cle not in lues:
                cache.add(cle, time.time_ns(), DUREE)  # another process may have been first
                lues[cle] = cache.get(cle)
        memoire.update(lues)
    return [memoire[cle] for cle in cles]


def version(modele):
    """The version of ``modele``'s rows that filters offer, with that of every filter. The
    options are kept in each process's memory under it: it lives in the shared cache, so a
    change made in one process moves it for all."""
    return tuple(_lire_versions([_cle_version(modele), _cle_version(None)]))


def oublier(modele=None):
    """Move on the version of ``modele`` (None: of every filter), e.g. after an import of
    the référentiel, which writes rows in bulk without Django's signals."""
    cache.delete(_cle_version(modele))
    getattr(_requete, "versions", {}).pop(_cle_version(modele), None)


def _modele_modifie(sender, **kwargs):
    oublier(sender)


def suivre(modele):
    """Forget the options of ``modele`` whenever one of its rows is saved or deleted."""
    uid = f"filtres:{modele._meta.label}"
    post_save.connect(_modele_modifie, sender=modele, weak=False, dispatch_uid=uid)
    post_delete.connect(_modele_modifie, sender=modele, weak=False, dispatch_uid=uid)


def valeurs_distinctes(queryset, champ):
    """The distinct values of ``champ`` among ``queryset``'s rows, newest first (a filter's
    years), kept until a row of its model changes."""
    suivre(queryset.model)
    source = (version(queryset.model), str(queryset.order_by().query), champ)
    cle = f"filtres:valeurs:{hashlib.sha256(repr(source).encode()).hexdigest()}"
    valeurs = locale.get(cle)
    if valeurs is None:
        lues = queryset.order_by().values_list(champ, flat=True).distinct()
        valeurs = sorted(lues, reverse=True)
        locale.set(cle, valeurs, DUREE)
    return valeurs


class FiltreDeListe(django_filters.FilterSet):
    """A list's FilterSet. ``pour`` is the one way to build it, from the page's query string,
    so that an export applies exactly the filters of the screen it was asked from."""

    def __init_subclass__(cls, **kwargs):
        # The rows the filters offer: their select's options follow their changes.
        super().__init_subclass__(**kwargs)
        modele = getattr(cls.__dict__.get("Meta"), "model", None)  # _meta is set afterwards
        if modele is not None:
            suivre(modele)
        for filtre in cls.declared_filters.values():
            queryset = filtre.extra.get("queryset")
            if isinstance(queryset, QuerySet):
                suivre(queryset.model)

    @classmethod
    def pour(cls, user, donnees, queryset):
        """The filters as ``user`` sees them, applied to ``donnees`` over ``queryset``.

        Unknown parameters (``page``…) are ignored, and so is a value that is not one of the
        choices: the list then shows every row, as it always has.
        """
        return cls(donnees or None, queryset=queryset)

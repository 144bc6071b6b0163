"""What every ModelAdmin of the portal shares.

Django's admin autocomplete widgets re-display the submitted value with a query on the related
model's key: a value that is not a key at all (text posted in place of an id) makes that query
fail, and the page answers 500 instead of showing the form's error. ``AutocompletionSure``
gives the admins that use ``autocomplete_fields`` widgets that drop such values before the
query; the field itself still refuses them with Django's message.

``ListeLegere`` makes a changelist's cost not grow with what its rows hold: the columns it
shows only, no second count, and the per-row work of Django's changelist done once per page.

``IntitulesFrancais`` gives the admin of a third-party app French labels where its models' are
English. (Titles elide « de » before a vowel for every admin page, in
``templates/admin/base_site.html``.)
"""

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .administration_lignes import lignes


class _ValeursValides:
    def optgroups(self, name, value, attr=None):
        modele = self.field.remote_field.model
        champ = modele._meta.get_field(
            getattr(self.field.remote_field, "field_name", None) or modele._meta.pk.name
        )
        valides = []
        for v in value:
            try:
                # The key's validators include the database's integer range: a key beyond it
                # could not even be looked up.
                champ.run_validators(champ.to_python(v))
            except (ValidationError, TypeError, ValueError):
                continue
            if "\x00" in str(v):  # a text key PostgreSQL could not even look up
                continue
            valides.append(v)
        return super().optgroups(name, valides, attr)


class AutocompleteSur(_ValeursValides, AutocompleteSelect):
    pass


class AutocompleteMultipleSur(_ValeursValides, AutocompleteSelectMultiple):
    pass


class AutocompletionSure:
    """ModelAdmin mixin: ``autocomplete_fields`` that survive a value that is not a key."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSur(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteMultipleSur(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class _ListeDesResultats(ChangeList):
    """Django's changelist, which loads only the page's columns, reverses the change page's
    address once per page rather than once per row and writes its rows at once
    (``templates/admin/change_list.html``)."""

    @cached_property
    def lignes_legeres(self):
        return lignes(self)

    def get_results(self, request):
        super().get_results(request)
        if self.full_result_count is None and not self.queryset.query.where:
            # Nothing filters the page: its count is the whole table's, said once.
            self.full_result_count = self.result_count
        colonnes = self.model_admin.colonnes_de_la_liste
        if colonnes:
            self.result_list = self.result_list.only(*colonnes)

    def url_for_result(self, result):
        pk = getattr(result, self.pk_attname)
        if not isinstance(pk, int):
            return super().url_for_result(result)
        if not hasattr(self, "_adresse_de_modification"):
            # The page of the key 0, whose « /0/ » each row's key replaces.
            self._adresse_de_modification = reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                args=(0,),
                current_app=self.model_admin.admin_site.name,
            ).rpartition("/0/")
        avant, _milieu, apres = self._adresse_de_modification
        return f"{avant}/{pk}/{apres}"


class ListeLegere:
    """ModelAdmin mixin for the changelists of big tables.

    ``colonnes_de_la_liste`` names the fields the rows are read with (``QuerySet.only``, related
    fields through ``__``): those of ``list_display`` and of the ``__str__`` of each record shown,
    so that no row reads another column on its own. The count of the whole table beside a
    filtered one is not asked (``show_full_result_count``). The actions' checkbox of each row is
    written directly, as Django's widget would write it, instead of through the form renderer's
    templates."""

    colonnes_de_la_liste = ()
    show_full_result_count = False

    def get_changelist(self, request, **kwargs):
        return _ListeDesResultats

    def action_checkbox(self, obj):
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(_("Select this object for an action - {}"), str(obj)),
        )


class ValeursRelues(admin.AllValuesFieldListFilter):
    """Django's filter on every value a column holds, whose values are read once in ``DUREE``
    seconds: finding them reads the whole table (the journal's actions, the files' years).
    For an admin whose ``get_queryset`` is the same for everyone who sees it."""

    DUREE = 600

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        requete = self.lookup_choices
        self.lookup_choices = cache.get_or_set(
            f"admin:{model._meta.label_lower}:{field_path}:valeurs",
            lambda: list(requete),
            self.DUREE,
        )


class IntitulesFrancais:
    """ModelAdmin mixin for a third-party app's admin: French labels for its model fields on
    every page, where the package's are English and its models cannot be changed (a field's
    label is written into the package's migrations).

    ``intitules`` maps a field to its label, lower case as a ``verbose_name``: the header of
    its column, the title of its filter (« Par page de connexion ») and its label on the
    change page. ``titres_des_filtres`` overrides a filter's title when « Par <label> » does
    not read well, keyed by field or by a ``SimpleListFilter``'s ``parameter_name``.
    ``aides`` are the fields' help texts, ``sections`` the fieldsets' titles. The package's
    columns, filters and fieldsets themselves are kept."""

    intitules = {}
    titres_des_filtres = {}
    aides = {}
    sections = {}

    def _colonne(self, nom):
        champ = self.model._meta.get_field(nom)

        def colonne(obj):
            return getattr(obj, nom)

        colonne.__name__ = nom  # the column's CSS class, as the field's own
        return admin.display(
            description=self.intitules[nom],
            ordering=nom,
            boolean=isinstance(champ, models.BooleanField),
        )(colonne)

    def _est_un_champ(self, nom):
        try:
            self.model._meta.get_field(nom)
        except FieldDoesNotExist:
            return False
        return True

    def _titre_du_filtre(self, nom):
        return self.titres_des_filtres.get(nom) or self.intitules.get(nom)

    def get_list_display(self, request):
        return [
            self._colonne(nom) if nom in self.intitules and self._est_un_champ(nom) else nom
            for nom in super().get_list_display(request)
        ]

    def get_list_filter(self, request):
        filtres = []
        for filtre in super().get_list_filter(request):
            if isinstance(filtre, str) and self._titre_du_filtre(filtre):
                filtre = (filtre, _filtre_intitule(self._titre_du_filtre(filtre)))
            elif isinstance(filtre, type) and issubclass(filtre, admin.SimpleListFilter):
                titre = self._titre_du_filtre(filtre.parameter_name)
                if titre:
                    filtre = type(filtre.__name__, (filtre,), {"title": titre})
            filtres.append(filtre)
        return filtres

    def get_fieldsets(self, request, obj=None):
        return [
            (self.sections.get(titre, titre), options)
            for titre, options in super().get_fieldsets(request, obj)
        ]

    def get_form(self, request, obj=None, **kwargs):
        # The form's labels also name the read-only fields of the change page.
        kwargs.setdefault("labels", {nom: capfirst(i) for nom, i in self.intitules.items()})
        kwargs.setdefault("help_texts", self.aides)
        return super().get_form(request, obj, **kwargs)


def _filtre_intitule(titre):
    """The filter Django would choose for the field (dates, booleans, values…), titled."""

    def filtre(field, request, params, model, model_admin, field_path):
        spec = admin.FieldListFilter.create(
            field, request, params, model, model_admin, field_path=field_path
        )
        spec.title = titre
        return spec

    return filtre

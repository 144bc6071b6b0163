"""What every ModelAdmin of the portal shares.

Django's admin autocomplete widgets re-display the submitted value with a query on the related
model's key: a value that is not a key at all (text posted in place of an id) makes that query
fail, and the page answers 500 instead of showing the form's error. ``AutocompletionSure``
gives the admins that use ``autocomplete_fields`` widgets that drop such values before the
query; the field itself still refuses them with Django's message.
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


class _ValeursValides:
    def optgroups(self, name, value, attr=None):
        modele = self.field.remote_field.model
        champ = modele._meta.get_field(
            getattr(self.field.remote_field, "field_name", None) or modele._meta.pk.name
        )
        valides = []
        for v in value:
            try:
                champ.to_python(v)
            except (ValidationError, TypeError, ValueError):
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


def titre_d_ajout(verbose_name):
    """« Ajout d'accord-cadre », « Ajout de thématique »: the admin's French title elides
    « de » before a vowel or a mute h (Django's own says « Ajout de accord-cadre »)."""
    elision = verbose_name[:1].lower() in "aàâeéèêiîoôuûyh"
    return f"Ajout {'d’' if elision else 'de '}{verbose_name}"


class TitresFrancais:
    """ModelAdmin mixin: the add page's title in French as it is written."""

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {"title": titre_d_ajout(self.opts.verbose_name), **(extra_context or {})}
        return super().add_view(request, form_url, extra_context)

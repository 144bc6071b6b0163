"""Base form for every form of the portal: DSFR markup, optional fields marked."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm
from dsfr.utils import dsfr_input_class_attr


class FormulaireDsfr(DsfrBaseForm):
    """DSFR classes on every widget (settings.DSFR_MARK_OPTIONAL_FIELDS marks optional ones)."""

    def get_context(self):
        # Skip DsfrBaseForm.get_context: it only warns that the setting is transitional.
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = settings.DSFR_MARK_OPTIONAL_FIELDS
        return context


class ChoixMultiplesModele(forms.ModelMultipleChoiceField):
    """Boxes of records that refuse an id out of the database's range as an invalid choice.

    Django checks each id alone (where out-of-range values are handled), then all of them in
    one ``IN`` query, which SQLite cannot bind: a tampered id was a server error.
    """

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError:
            raise ValidationError(
                "Sélectionnez uniquement des choix de la liste.", code="invalid_choice"
            ) from None


class FormulaireModeleDsfr(forms.ModelForm):
    """The ModelForm counterpart of ``FormulaireDsfr``: the same DSFR markup."""

    template_name = DsfrBaseForm.template_name
    bound_field_class = DsfrBaseForm.bound_field_class
    default_renderer = DsfrBaseForm.default_renderer

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for visible in self.visible_fields():
            dsfr_input_class_attr(visible)
        for champ in self.fields.values():
            # Each form has its own copy of its fields: the class of this copy may change.
            if type(champ) is forms.ModelMultipleChoiceField:
                champ.__class__ = ChoixMultiplesModele

    get_context = FormulaireDsfr.get_context


class MontantField(forms.DecimalField):
    """An amount in euros as people type it: « 19 500,50 », « 19500.50 » or « 19 500 € »."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.replace("€", "").split()).replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value):
        # Shown back the French way, with a decimal comma.
        if value is not None and not isinstance(value, str):
            return f"{value:.2f}".replace(".", ",")
        return value

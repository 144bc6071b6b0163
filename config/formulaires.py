"""Base form for every form of the portal: DSFR markup, optional fields marked."""

from django import forms
from django.conf import settings
from dsfr.forms import DsfrBaseForm


class FormulaireDsfr(DsfrBaseForm):
    """DSFR classes on every widget (settings.DSFR_MARK_OPTIONAL_FIELDS marks optional ones)."""

    def get_context(self):
        # Skip DsfrBaseForm.get_context: it only warns that the setting is transitional.
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = settings.DSFR_MARK_OPTIONAL_FIELDS
        return context

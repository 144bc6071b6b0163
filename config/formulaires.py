"""Base form for every form of the portal: DSFR markup, optional fields marked."""

from django import forms
from dsfr.forms import DsfrBaseForm


class FormulaireDsfr(DsfrBaseForm):
    """DSFR classes on every widget; optional fields are the ones marked, as DSFR now asks."""

    def get_context(self):
        # Skip DsfrBaseForm.get_context: it only warns about a transitional setting.
        context = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context

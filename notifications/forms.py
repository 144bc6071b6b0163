"""The notification preferences form: one choice per kind of event the person receives."""

from django import forms
from dsfr.widgets import InlineRadioSelect

from socle.formulaires import FormulaireDsfr

from .sujets import MODE_PAR_DEFAUT, Mode, evenements_du_role


class PreferencesForm(FormulaireDsfr):
    def __init__(self, *args, personne, actuelles, **kwargs):
        super().__init__(*args, **kwargs)
        self.evenements = evenements_du_role(personne.role)
        for evenement in self.evenements:
            self.fields[evenement.value] = forms.ChoiceField(
                label=evenement.label,
                choices=Mode.choices,
                initial=actuelles.get(evenement.value, MODE_PAR_DEFAUT[evenement]),
                widget=InlineRadioSelect,
            )

    def modes(self):
        return {e.value: self.cleaned_data[e.value] for e in self.evenements}

from django import forms

from comptes.models import Organisation, Role
from socle.formulaires import FormulaireDsfr


class MotifForm(FormulaireDsfr):
    motif = forms.CharField(
        label="Motif", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class MotifFacultatifForm(FormulaireDsfr):
    motif = forms.CharField(
        label="Commentaire",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


class DeplacementForm(FormulaireDsfr):
    organisation = forms.ModelChoiceField(
        label="Nouvelle organisation",
        queryset=Organisation.objects.filter(actif=True).exclude(
            type=Organisation.Type.COLLECTIVITE
        ),
    )
    role = forms.ChoiceField(label="Rôle", choices=Role.choices)
    motif = forms.CharField(
        label="Motif", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

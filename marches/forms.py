"""The administrators' form to change the tourniquet: each titulaire's rank and situation,
and the reason written to the ledger."""

from django import forms


class TourniquetForm(forms.Form):
    motif = forms.CharField(
        label="Motif de la décision",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Inscrit au registre du tourniquet et au journal ; envoyé à la DGALN et aux "
        "groupements concernés.",
        error_messages={
            "required": "Indiquez le motif de la décision : il est inscrit au registre du "
            "tourniquet."
        },
    )

    def __init__(self, *args, titulaires, **kwargs):
        super().__init__(*args, **kwargs)
        self.titulaires = titulaires
        for t in titulaires:
            self.fields[f"rang_{t.pk}"] = forms.IntegerField(
                label=f"Rang de « {t.nom} »",
                min_value=1,
                initial=t.rang,
                widget=forms.NumberInput(attrs={"class": "vIntegerField"}),
                error_messages={
                    "required": f"Indiquez le rang de « {t.nom} ».",
                    "min_value": "Le rang est un entier à partir de 1.",
                    "invalid": "Le rang est un entier à partir de 1.",
                },
            )
            self.fields[f"actif_{t.pk}"] = forms.BooleanField(
                label=f"« {t.nom} » reçoit des propositions",
                required=False,
                initial=t.actif,
            )

    def lignes(self):
        """(titulaire, rank field, situation field) for the template."""
        return [(t, self[f"rang_{t.pk}"], self[f"actif_{t.pk}"]) for t in self.titulaires]

    def choix(self):
        """``{titulaire pk: (rang, actif)}`` for ``decisions.modifier_tourniquet``."""
        d = self.cleaned_data
        return {t.pk: (d[f"rang_{t.pk}"], d[f"actif_{t.pk}"]) for t in self.titulaires}

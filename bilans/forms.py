"""The bilan's form (every question on its scale, the recommendation, a free text) and the
follow-up's form (its nature, programme, date and sentence)."""

from django import forms
from django.utils import timezone

from referentiels.models import ProgrammeANCT
from socle.formulaires import FormulaireDsfr

from .models import NATURES_AVEC_PROGRAMME, QUESTIONS, Nature


class BilanForm(FormulaireDsfr):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.champ] = forms.ChoiceField(
                label=question.libelle, choices=question.echelle.choices, widget=forms.RadioSelect
            )
        self.fields["recommande"] = forms.TypedChoiceField(
            label="Recommanderiez-vous un Atelier Flash à un autre territoire ?",
            choices=[("oui", "Oui"), ("non", "Non")],
            coerce=lambda valeur: valeur == "oui",
            widget=forms.RadioSelect,
        )
        self.fields["commentaire"] = forms.CharField(
            label="Ce que vous en retenez",
            required=False,
            max_length=3000,
            widget=forms.Textarea(attrs={"rows": 5}),
            help_text="Ce qui a marché, ce qui manquait, un conseil pour les prochains ateliers.",
        )

    @staticmethod
    def initiales(bilan):
        if bilan is None or not bilan.est_rempli:
            return {}
        valeurs = {q.champ: getattr(bilan, q.champ) for q in QUESTIONS}
        return valeurs | {
            "recommande": "oui" if bilan.recommande else "non",
            "commentaire": bilan.commentaire,
        }


class SuiteForm(FormulaireDsfr):
    nature = forms.ChoiceField(label="Ce que l'atelier a permis", choices=Nature.choices)
    programme = forms.ModelChoiceField(
        label="Programme de l'ANCT",
        queryset=ProgrammeANCT.objects.filter(actif=True),
        required=False,
        help_text="Pour un financement obtenu ou une candidature à un autre programme.",
    )
    autre_programme = forms.CharField(
        label="Autre programme ou financement",
        max_length=200,
        required=False,
        help_text="Fonds vert, DETR, fonds européens… si ce n'est pas un programme de l'ANCT.",
    )
    date = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    texte = forms.CharField(
        label="En une phrase",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Elle figure sur la page publique de l'atelier, sans votre nom.",
    )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError("La date ne peut pas être dans le futur.")
        return date

    def clean(self):
        donnees = super().clean()
        if donnees.get("nature") in NATURES_AVEC_PROGRAMME and not (
            donnees.get("programme") or (donnees.get("autre_programme") or "").strip()
        ):
            self.add_error("programme", "Indiquez le programme ou le financement.")
        if donnees.get("programme") and (donnees.get("autre_programme") or "").strip():
            self.add_error("autre_programme", "Un programme de l'ANCT ou un autre, pas les deux.")
        return donnees

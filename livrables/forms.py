"""Forms of the livrables, the feuille de route and the fiche synthétique."""

from django import forms

from ateliers.models import Atelier
from referentiels.models import Thematique
from socle.fichiers import (
    FORMATS_IMAGES,
    FORMATS_LIVRABLES,
    libelle_formats,
    taille_maximale,
    valider_fichier,
)
from socle.filtres import LONGUEUR_RECHERCHE
from socle.formulaires import FormulaireDsfr, FormulaireModeleDsfr, MontantField

from .models import ActionCle, Axe, FicheSynthetique, Priorite, Type


def _aide_fichier(formats):
    return (
        f"Formats acceptés : {libelle_formats(formats)}. "
        f"Taille maximale : {taille_maximale() // (1024 * 1024)} Mo."
    )


class LivrableForm(FormulaireDsfr):
    type = forms.ChoiceField(label="Type de livrable", choices=Type.choices)
    intitule = forms.CharField(
        label="Intitulé",
        max_length=200,
        required=False,
        help_text="Facultatif, sauf pour « Autre livrable ».",
    )
    echeance = forms.DateField(label="Échéance", widget=forms.DateInput(attrs={"type": "date"}))


class NouveauLivrableForm(LivrableForm):
    """From the list of livrables: the atelier is one of those the service pilots."""

    atelier = forms.ModelChoiceField(label="Atelier", queryset=Atelier.objects.none())
    field_order = ["atelier", "type", "intitule", "echeance"]

    def __init__(self, *args, ateliers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["atelier"].queryset = ateliers


class ModificationLivrableForm(LivrableForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["type"]


class VersionForm(FormulaireDsfr):
    fichier = forms.FileField(label="Fichier", help_text=_aide_fichier(FORMATS_LIVRABLES))
    note = forms.CharField(
        label="Note pour le service",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Par exemple : ce qui change depuis la version précédente.",
    )

    def clean_fichier(self):
        fichier = self.cleaned_data["fichier"]
        valider_fichier(fichier, FORMATS_LIVRABLES)
        return fichier


class AvisForm(FormulaireDsfr):
    commentaire = forms.CharField(
        label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RepriseForm(FormulaireDsfr):
    commentaire = forms.CharField(
        label="Ce qu'il faut reprendre", widget=forms.Textarea(attrs={"rows": 4})
    )


class ConfirmationForm(FormulaireDsfr):
    pass


class AxeForm(FormulaireModeleDsfr):
    class Meta:
        model = Axe
        fields = ("titre", "description")
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class ActionForm(FormulaireModeleDsfr):
    cout_estime = MontantField(label="Coût estimé (€ HT)", required=False, min_value=0)

    class Meta:
        model = ActionCle
        fields = ("intitule", "description", "thematique", "priorite", "porteur", "cout_estime")
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["thematique"].queryset = Thematique.objects.filter(actif=True)


class FiltreFeuilleDeRouteForm(FormulaireDsfr):
    thematique = forms.ModelChoiceField(
        label="Thématique",
        queryset=Thematique.objects.filter(actif=True),
        required=False,
        empty_label="Toutes",
    )
    priorite = forms.ChoiceField(
        label="Priorité", choices=[("", "Toutes"), *Priorite.choices], required=False
    )
    porteur = forms.CharField(label="Porteur", required=False, max_length=LONGUEUR_RECHERCHE)


class FicheForm(FormulaireModeleDsfr):
    class Meta:
        model = FicheSynthetique
        fields = (
            "annee",
            "territoire",
            "maitrise_ouvrage",
            "contexte",
            "enjeux",
            "productions",
            "suites",
        )
        widgets = {
            n: forms.Textarea(attrs={"rows": 4})
            for n in ("contexte", "enjeux", "productions", "suites")
        }


class ImageForm(FormulaireDsfr):
    fichier = forms.FileField(label="Image", help_text=_aide_fichier(FORMATS_IMAGES))
    legende = forms.CharField(
        label="Légende",
        max_length=300,
        help_text="Décrit l'image pour les personnes qui ne la voient pas.",
    )
    credit = forms.CharField(label="Crédit", max_length=200, required=False)

    def clean_fichier(self):
        fichier = self.cleaned_data["fichier"]
        valider_fichier(fichier, FORMATS_IMAGES)
        return fichier

"""Forms of the candidature: the fiche's sections, pièces, messages and review decisions."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db.models import Q
from django.urls import reverse

from referentiels.models import EPCI, Commune, ProgrammeANCT, Thematique
from socle.fichiers import (
    FORMATS_PIECES,
    libelle_formats,
    nom_original,
    taille_maximale,
    valider_fichier,
)
from socle.formulaires import FormulaireDsfr, FormulaireModeleDsfr

from .fiche import CHOIX_RUBRIQUES, CONTACTS, STRATEGIE, TERRITOIRE
from .models import Acteur, Candidature, Echelle, Piece, RessourceDocumentaire
from .recherche import normaliser


def aide_fichiers():
    return (
        f"Formats acceptés : {libelle_formats(FORMATS_PIECES)}. "
        f"Taille maximale : {taille_maximale() // (1024 * 1024)} Mo."
    )


def champ_fichier_valide(fichier):
    if fichier:
        valider_fichier(fichier)


telephone = RegexValidator(
    r"^\+?[0-9 .()-]{6,20}$", "Saisissez un numéro de téléphone, par exemple 03 22 00 00 00."
)


def epci_du_service(service):
    return (
        EPCI.objects.filter(actif=True, membres__in=Commune.objects.du_territoire(service))
        .distinct()
        .order_by("nom")
    )


CODE_ENTRE_PARENTHESES = re.compile(r"\(([0-9][0-9AB][0-9]{3})\)\s*$")
CODE_SEUL = re.compile(r"^[0-9][0-9AB][0-9]{3}$")


LONGUEUR_NOM_COMMUNE = 80


class TerritoireForm(FormulaireModeleDsfr):
    """Title, scale and territory: the intention, then the first section of the fiche."""

    communes = forms.ModelMultipleChoiceField(
        queryset=Commune.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Communes retenues",
        help_text="Décochez une commune pour la retirer du territoire.",
    )
    ajout_communes = forms.CharField(
        required=False,
        label="Ajouter des communes",
        help_text=(
            "Saisissez le nom ou le code INSEE, des suggestions s'affichent ; "
            "séparez plusieurs communes par un point-virgule."
        ),
    )

    class Meta:
        model = Candidature
        fields = TERRITOIRE.champs
        labels = {"titre": "Titre du projet", "epci": "EPCI concerné"}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    field_order = ("titre", "description", "echelle", "communes", "ajout_communes", "epci")

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        self.fields["echelle"].choices = [("", "Choisissez l'échelle du projet"), *Echelle.choices]
        self.territoire = Commune.objects.du_territoire(service)
        actuelles = self.instance.communes.all() if self.instance.pk else Commune.objects.none()
        self.fields["communes"].queryset = actuelles
        self.fields["communes"].initial = list(actuelles)
        if not self.instance.pk:
            # Nothing chosen yet: only the search field is useful.
            del self.fields["communes"]
        self.fields["epci"].queryset = epci_du_service(service)
        self.fields["epci"].empty_label = "Aucun EPCI"
        self.fields["ajout_communes"].widget.attrs.update(
            {
                "list": "suggestions-communes",
                "autocomplete": "off",
                "data-suggestions": reverse("referentiels:communes"),
            }
        )

    def _resoudre(self, saisie):
        trouve = CODE_ENTRE_PARENTHESES.search(saisie)
        code = trouve.group(1) if trouve else (saisie.upper() if CODE_SEUL.match(saisie) else None)
        if code:
            commune = Commune.objects.filter(code=code).first()
            if commune is None:
                raise ValidationError(f"Aucune commune n'a le code INSEE {code}.")
            if not self.territoire.filter(pk=code).exists():
                raise ValidationError(
                    f"{commune} n'est pas dans le territoire de votre service ({self.service})."
                )
            return commune
        if len(saisie) > LONGUEUR_NOM_COMMUNE:
            # The longest commune name has 45 characters; a longer text is no name (and SQLite
            # refuses a LIKE pattern past its limit).
            raise ValidationError(
                f"« {saisie[:40]}… » est trop long pour un nom de commune "
                f"({LONGUEUR_NOM_COMMUNE} caractères au plus)."
            )
        nom = normaliser(saisie)
        candidates = list(self.territoire.filter(nom__iexact=saisie)) or [
            c
            for c in self.territoire.filter(nom__icontains=saisie.split(" ")[0][:30])[:200]
            if normaliser(c.nom) == nom
        ]
        if not candidates:
            raise ValidationError(
                f"Aucune commune « {saisie} » dans le territoire de votre service. "
                "Vérifiez l'orthographe ou saisissez le code INSEE."
            )
        if len(candidates) > 1:
            raise ValidationError(
                f"Plusieurs communes s'appellent « {saisie} » : choisissez-en une dans les "
                "suggestions ou saisissez son code INSEE ("
                + ", ".join(c.code for c in candidates)
                + ")."
            )
        return candidates[0]

    def clean_ajout_communes(self):
        saisies = [s.strip() for s in re.split(r"[;\n]", self.cleaned_data["ajout_communes"])]
        ajoutees, erreurs = [], []
        for saisie in filter(None, saisies):
            try:
                ajoutees.append(self._resoudre(saisie))
            except ValidationError as erreur:
                erreurs.extend(erreur.messages)
        if erreurs:
            raise ValidationError(erreurs)
        return ajoutees

    def clean(self):
        donnees = super().clean()
        communes = list(donnees.get("communes") or [])
        for commune in donnees.get("ajout_communes") or []:
            if commune not in communes:
                communes.append(commune)
        donnees["communes"] = communes
        if not self.errors and not communes and not donnees.get("epci"):
            raise ValidationError("Indiquez le territoire : au moins une commune ou un EPCI.")
        return donnees


class StrategieForm(FormulaireModeleDsfr):
    class Meta:
        model = Candidature
        fields = STRATEGIE.champs
        widgets = {
            "thematiques": forms.CheckboxSelectMultiple,
            "programmes_anct": forms.CheckboxSelectMultiple,
            **{
                nom: forms.Textarea(attrs={"rows": 4})
                for nom in (
                    "strategie",
                    "secteur",
                    "enjeux",
                    "problematiques",
                    "objectifs",
                    "dynamiques",
                )
            },
        }
        help_texts = {
            "strategie": "Ce que la collectivité souhaite engager, en quelques lignes.",
            "secteur": "Le site, le quartier ou les communes sur lesquels porte la réflexion.",
            "dynamiques": "Projets en cours, démarches engagées, acteurs déjà mobilisés.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        thematiques = Thematique.objects.filter(
            Q(actif=True) | Q(pk__in=self.instance.thematiques.all())
        )
        self.fields["thematiques"].queryset = thematiques
        # One group of boxes per family of the programme.
        self.fields["thematiques"].label_from_instance = lambda t: (
            f"{t.libelle} ({t.get_famille_display().lower()})"
        )
        self.fields["programmes_anct"].queryset = ProgrammeANCT.objects.filter(
            Q(actif=True) | Q(pk__in=self.instance.programmes_anct.all())
        )


class ActeurForm(FormulaireModeleDsfr):
    class Meta:
        model = Acteur
        fields = ("nom", "role")


class RessourceForm(FormulaireModeleDsfr):
    class Meta:
        model = RessourceDocumentaire
        fields = ("titre", "description", "fichier")
        labels = {"fichier": "Fichier"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fichier"].help_text = aide_fichiers()
        self.fields["fichier"].validators.append(champ_fichier_valide)

    def save(self, commit=True):
        fichier = self.cleaned_data.get("fichier")
        if fichier and "fichier" in self.changed_data:
            self.instance.nom_fichier = nom_original(fichier)
        return super().save(commit)


ActeurFormSet = forms.inlineformset_factory(
    Candidature, Acteur, form=ActeurForm, extra=2, can_delete=True, max_num=50
)
RessourceFormSet = forms.inlineformset_factory(
    Candidature, RessourceDocumentaire, form=RessourceForm, extra=1, can_delete=True, max_num=50
)


class ContactsForm(FormulaireModeleDsfr):
    class Meta:
        model = Candidature
        fields = CONTACTS.champs
        widgets = {
            "periode_debut": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "periode_fin": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for nom in ("ref_collectivite_telephone", "ref_service_telephone"):
            self.fields[nom].validators.append(telephone)

    def clean(self):
        donnees = super().clean()
        debut, fin = donnees.get("periode_debut"), donnees.get("periode_fin")
        if debut and fin and fin < debut:
            self.add_error("periode_fin", "La fin souhaitée doit suivre le début.")
        return donnees


class PieceForm(FormulaireDsfr):
    type = forms.ChoiceField(label="Nature de la pièce", choices=Piece.Type.choices)
    fichier = forms.FileField(label="Fichier", validators=[champ_fichier_valide])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fichier"].help_text = aide_fichiers()


class MessageForm(FormulaireDsfr):
    texte = forms.CharField(label="Votre message", widget=forms.Textarea(attrs={"rows": 4}))
    fichier = forms.FileField(
        label="Pièce jointe", required=False, validators=[champ_fichier_valide]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fichier"].help_text = aide_fichiers()


class NoteForm(FormulaireDsfr):
    texte = forms.CharField(
        label="Note interne (visible de la DGALN seulement)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MotifForm(FormulaireDsfr):
    motif = forms.CharField(label="Motif", widget=forms.Textarea(attrs={"rows": 4}))


class CommentaireForm(FormulaireDsfr):
    commentaire = forms.CharField(
        label="Message au service", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ComplementForm(FormulaireDsfr):
    message = forms.CharField(
        label="Ce qui manque au dossier", widget=forms.Textarea(attrs={"rows": 4})
    )
    rubriques = forms.MultipleChoiceField(
        label="Rubriques que le service pourra modifier",
        choices=CHOIX_RUBRIQUES,
        widget=forms.CheckboxSelectMultiple,
    )
    echeance = forms.DateField(
        label="À compléter avant le",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class PriseEnChargeForm(FormulaireDsfr):
    instructeur = forms.ModelChoiceField(
        label="Confier le dossier à", queryset=get_user_model().objects.none(), empty_label=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instructeur"].queryset = (
            get_user_model()
            .objects.dgaln()
            .filter(is_active=True)
            .order_by("last_name", "first_name", "email")
        )

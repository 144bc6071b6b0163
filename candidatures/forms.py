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
CODE_SEUL = re.compile(r"[0-9][0-9AB][0-9]{3}")
# « Amiens ; Albert » is no commune's name: the communes are added one at a time.
SEPARATEURS = re.compile(r"[;\n]")


LONGUEUR_NOM_COMMUNE = 80
# The name of the no-JavaScript « Ajouter la commune » button.
BOUTON_AJOUT = "ajouter_commune"


class TerritoireForm(FormulaireModeleDsfr):
    """Title, scale and territory: the intention, then the first section of the fiche.

    The communes are chosen one at a time. The server's representation is the list of
    ``communes`` (INSEE codes): checked boxes without JavaScript, a hidden input per tag with
    it (static/js/communes.js). ``ajout_communes`` takes one more commune, by name or code;
    the « Ajouter la commune » button (``BOUTON_AJOUT``) shows the form again with it checked,
    and saves nothing.
    """

    communes = forms.ModelMultipleChoiceField(
        queryset=Commune.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Communes retenues",
        help_text="Décochez une commune pour la retirer du territoire.",
        error_messages={
            "invalid_choice": "La commune %(value)s n'est pas dans le territoire de votre service."
        },
    )
    ajout_communes = forms.CharField(
        required=False,
        label="Ajouter une commune",
        help_text=(
            "Une commune à la fois : saisissez son nom ou son code INSEE, "
            "puis « Ajouter la commune »."
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
        actuelles = list(self.instance.communes.order_by("nom")) if self.instance.pk else []
        # Any commune of the territory may be sent; a current one stays even if it left it.
        self.fields["communes"].queryset = Commune.objects.filter(
            Q(pk__in=self.territoire.values("pk")) | Q(pk__in=[c.pk for c in actuelles])
        )
        self.fields["communes"].initial = actuelles
        self.ajout_seul = self.is_bound and BOUTON_AJOUT in self.data
        self.montrees = []
        self._montrer(actuelles + self._envoyees())
        self.fields["epci"].queryset = epci_du_service(service)
        self.fields["epci"].empty_label = "Aucun EPCI"
        self.fields["ajout_communes"].widget.attrs.update(
            {"autocomplete": "off", "data-suggestions": reverse("referentiels:communes")}
        )

    def _valeurs_communes(self):
        champ = self.fields["communes"]
        return champ.widget.value_from_datadict(self.data, self.files, self.add_prefix("communes"))

    def _envoyees(self):
        """The communes the form sent that it may hold, in the order they were sent."""
        if not self.is_bound:
            return []
        codes = [
            v for v in self._valeurs_communes() if isinstance(v, str) and CODE_SEUL.fullmatch(v)
        ]
        trouvees = self.fields["communes"].queryset.in_bulk(codes[:500])
        return [trouvees[code] for code in codes if code in trouvees]

    def _montrer(self, communes):
        """The boxes on the page: the current and sent communes only, not the whole territory."""
        self.montrees = list({c.pk: c for c in [*self.montrees, *communes]}.values())
        self.fields["communes"].widget.choices = [(c.pk, str(c)) for c in self.montrees]

    def _retenir(self, commune):
        """Show the added commune as a checked box, and empty the field for the next one."""
        valeurs = list(self._valeurs_communes())
        deja = commune.pk in valeurs
        if not deja:
            valeurs.append(commune.pk)
        donnees = self.data.copy()
        getattr(donnees, "setlist", donnees.__setitem__)(self.add_prefix("communes"), valeurs)
        donnees[self.add_prefix("ajout_communes")] = ""
        self.data = donnees
        for nom in ("communes", "ajout_communes"):
            self._bound_fields_cache.pop(nom, None)
        self._montrer([commune])
        # Said with the field (its description), where the next commune is typed.
        champ = self.fields["ajout_communes"]
        etat = "est déjà retenue" if deja else "ajoutée aux communes retenues"
        champ.help_text = f"{commune} {etat}. {champ.help_text}"
        if self.ajout_seul:
            champ.widget.attrs["autofocus"] = True

    def _resoudre(self, saisie):
        if SEPARATEURS.search(saisie):
            extrait = saisie if len(saisie) <= 40 else f"{saisie[:40]}…"
            raise ValidationError(
                f"Aucune commune ne correspond à « {extrait} » : ajoutez les communes une à "
                "une, une seule commune par saisie."
            )
        trouve = CODE_ENTRE_PARENTHESES.search(saisie)
        code = trouve.group(1) if trouve else saisie.upper()
        if trouve or CODE_SEUL.fullmatch(code):
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
                f"Aucune commune ne correspond à « {saisie} » dans le territoire de votre "
                "service. Vérifiez l'orthographe ou saisissez le code INSEE."
            )
        if len(candidates) > 1:
            raise ValidationError(
                f"Plusieurs communes s'appellent « {saisie} » : saisissez le code INSEE de "
                "celle à ajouter (" + ", ".join(f"{c.code} pour {c}" for c in candidates) + ")."
            )
        return candidates[0]

    def clean_ajout_communes(self):
        saisie = self.cleaned_data["ajout_communes"].strip()
        if saisie:
            return self._resoudre(saisie)
        if self.ajout_seul:
            raise ValidationError("Saisissez le nom ou le code INSEE de la commune à ajouter.")
        return None

    def clean(self):
        donnees = super().clean()
        communes = list(donnees.get("communes") or [])
        ajoutee = donnees.get("ajout_communes")
        if ajoutee is not None:
            if ajoutee not in communes:
                communes.append(ajoutee)
            self._retenir(ajoutee)
        donnees["communes"] = communes
        if not self.ajout_seul and not self.errors and not communes and not donnees.get("epci"):
            raise ValidationError("Indiquez le territoire : au moins une commune ou un EPCI.")
        return donnees

    def full_clean(self):
        super().full_clean()
        if self.ajout_seul and self._errors:
            # Only a commune is added: the other fields are checked when the form is sent.
            for nom in [n for n in self._errors if n not in ("communes", "ajout_communes")]:
                del self._errors[nom]

    def is_valid(self):
        # « Ajouter la commune » shows the form again with the commune checked: nothing is saved.
        return super().is_valid() and not self.ajout_seul


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

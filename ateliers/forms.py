"""Forms of the atelier: attribution by the tourniquet, planning, on-site programme, phases,
thread."""

from decimal import Decimal

from django import forms

from marches.models import TourDeTourniquet
from socle.formulaires import FormulaireDsfr, FormulaireModeleDsfr, MontantField

from .models import ProgrammeSurSite, Publication


class AttributionForm(FormulaireDsfr):
    # The titulaire the instructeur saw: the transition refuses if the rotation has moved.
    titulaire = forms.IntegerField(widget=forms.HiddenInput)
    montant_ht = MontantField(
        label="Montant prévu de l'atelier HT (€)",
        max_digits=10,
        min_value=Decimal("0.01"),
        help_text="Environ 20 000 € HT ; il servira de montant par défaut aux bons de commande.",
    )


class EcartForm(FormulaireDsfr):
    titulaire = forms.IntegerField(widget=forms.HiddenInput)
    motif = forms.ChoiceField(
        label="Motif",
        choices=TourDeTourniquet.Motif.choices,
        widget=forms.RadioSelect,
    )
    commentaire = forms.CharField(
        label="Précisions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Par exemple : la date de l'échange avec le titulaire.",
    )


def _date(label, requis=False, aide=""):
    return forms.DateField(
        label=label,
        required=requis,
        # A date input reads and writes ISO dates only: another format shows it empty.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=aide,
    )


class PlanningForm(FormulaireDsfr):
    """Planned start and end of each phase: fields ``<phase>_debut`` and ``<phase>_fin``."""

    def __init__(self, *args, etapes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.phases = []
        for etape in etapes:
            libelle = etape.get_phase_display()
            self.fields[f"{etape.phase}_debut"] = _date(f"{libelle} : début prévu")
            self.fields[f"{etape.phase}_fin"] = _date(f"{libelle} : fin prévue")
            self.initial.setdefault(f"{etape.phase}_debut", etape.debut_prevu)
            self.initial.setdefault(f"{etape.phase}_fin", etape.fin_prevue)
            self.phases.append(etape.phase)

    def dates(self):
        d = self.cleaned_data
        return {p: (d.get(f"{p}_debut"), d.get(f"{p}_fin")) for p in self.phases}


class ProgrammeForm(FormulaireModeleDsfr):
    class Meta:
        model = ProgrammeSurSite
        fields = ProgrammeSurSite.CHAMPS_REQUIS
        widgets = {
            "premier_jour": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "dernier_jour": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "deroule": forms.Textarea(attrs={"rows": 6}),
            "arpentage": forms.Textarea(attrs={"rows": 3}),
            "invites": forms.Textarea(attrs={"rows": 3}),
            "tables": forms.Textarea(attrs={"rows": 3}),
        }


class PhaseForm(FormulaireDsfr):
    """The date an atelier leaves its phase (for the closure: the date of closure), checked
    against the planning: a date the planning finds implausible is asked again, with its
    warnings, and taken once the person confirms it."""

    # The phase the person saw: a double click does not skip a phase.
    depuis = forms.CharField(widget=forms.HiddenInput, required=False)
    date = _date("Date du changement de phase", requis=True)
    commentaire = forms.CharField(
        label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    # The date whose warnings the page showed: the confirmation holds for that date only.
    date_vue = forms.DateField(widget=forms.HiddenInput, required=False)
    confirme = forms.BooleanField(
        label="Je confirme cette date malgré les alertes ci-dessus",
        required=False,
        help_text="Les alertes seront gardées dans l'historique de l'atelier.",
    )

    def __init__(self, *args, libelle_date=None, aide_date="", avec_confirmation=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not avec_confirmation:  # the box shows with the warnings only
            del self.fields["confirme"]
        if libelle_date:
            self.fields["date"].label = libelle_date
        self.fields["date"].help_text = aide_date
        self._bound_fields_cache.pop("date", None)  # the DSFR's markup read the field already

    def confirmee(self):
        """The person confirmed this very date after reading its warnings."""
        d = self.cleaned_data
        return bool(d.get("confirme")) and d.get("date_vue") == d.get("date")


class AvisForm(FormulaireDsfr):
    commentaire = forms.CharField(
        label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PublicationForm(FormulaireDsfr):
    publication = forms.ChoiceField(
        label="Catalogue public des ateliers réalisés",
        choices=Publication.choices,
        widget=forms.RadioSelect,
        help_text="Un atelier publié montre au public sa fiche d'identité, sa fiche "
        "synthétique, ses images et les axes de sa feuille de route ; jamais les coordonnées "
        "des personnes.",
    )
    exemple_inspirant = forms.BooleanField(
        label="Exemple inspirant", required=False, help_text="Mis en avant par le catalogue."
    )
    commentaire = forms.CharField(
        label="Motif", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RevisionForm(FormulaireDsfr):
    commentaire = forms.CharField(
        label="Ce qu'il faut revoir", widget=forms.Textarea(attrs={"rows": 4})
    )


class MessageForm(FormulaireDsfr):
    texte = forms.CharField(
        label="Votre message",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Lu par le service pilote, le titulaire, la DGALN et la collectivité.",
    )

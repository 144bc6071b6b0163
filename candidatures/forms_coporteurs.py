"""The co-porteurs' forms: the invitation of a person of the collectivité, the rubrics handed
to it, its support letter, the thread with it."""

from django import forms

from socle.formulaires import FormulaireDsfr

from .coporteurs import collectivites_du_territoire
from .forms import MessageForm, PieceForm
from .models import Piece
from .permissions import CONFIABLES


class InvitationCoporteurForm(FormulaireDsfr):
    collectivite = forms.ChoiceField(
        label="Collectivité",
        help_text="Une commune ou l'EPCI du territoire du dossier, tels que le référentiel "
        "les connaît.",
    )
    email = forms.EmailField(label="Adresse e-mail de la personne", max_length=254)
    prenom = forms.CharField(label="Prénom", max_length=150)
    nom = forms.CharField(label="Nom", max_length=150)

    def __init__(self, *args, candidature, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collectivite"].choices = [
            ("", "Choisir la commune ou l'EPCI"),
            *((code, libelle) for code, libelle, _, _ in collectivites_du_territoire(candidature)),
        ]


class ConfierRubriquesForm(FormulaireDsfr):
    """The rubrics the service hands to the collectivité, ticked."""

    rubriques = forms.MultipleChoiceField(
        label="Cochez les rubriques que la collectivité complète",
        help_text="Ses membres pourront les rédiger aux mêmes moments que le service. Le "
        "territoire reste rédigé par le service ; le courrier de soutien du maire ou du "
        "président de l'EPCI peut toujours être déposé par la collectivité.",
        choices=[(r.code, r.titre) for r in CONFIABLES],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class LettreCollectiviteForm(PieceForm):
    """The pièce a co-porteur uploads: its support letter, nothing else."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [
            (Piece.Type.LETTRE_COLLECTIVITE.value, Piece.Type.LETTRE_COLLECTIVITE.label)
        ]


class EchangeForm(MessageForm):
    """A message in the thread with the collectivité (prefixed: the file's page also holds
    the form of the thread with the DGALN)."""

    prefix = "echange"

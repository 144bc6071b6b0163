"""The form by which the pilot service invites a person of the collectivité on a file."""

from django import forms

from socle.formulaires import FormulaireDsfr

from .coporteurs import collectivites_du_territoire


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

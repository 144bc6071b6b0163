"""What the portal holds on one person (right of access, RGPD art. 15), as one JSON document.

The person is found by e-mail address, with or without an account: a maire named as the
collectivité's référent has no account but appears in files. Each app says what it holds on a
person (the ``export`` of its kinds in ``<app>/donnees_personnelles.py``), and only what is
about that person: where a record also names others (the other référent of a file, the people
they invited, the administrateur who deactivated them), those others are left out. This module
joins the pieces in the registry's order and knows no app's fields.

``manage.py exporter_donnees_personne <email>`` writes it; DGALN administrateurs download it
from the Django admin (action on users, ``donnees_personnelles.admin``).
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from comptes.models import User
from journal.models import enregistrer
from socle.donnees_personnelles import sortes

# The keys every export starts with; the others are the kinds'.
EN_TETE = ("genere_le", "adresse_email")


def _compte(email):
    return User.objects.select_related("organisation").filter(email__iexact=email).first()


def donnees_de(email, compte=None):
    """Everything the portal holds on the person with this address, as a dict (``compte``:
    their account, when the caller has already found it)."""
    email = email.strip().lower()
    compte = compte or _compte(email)
    donnees = {"genere_le": timezone.now(), "adresse_email": email}
    tris = {}
    for sorte in sortes():
        for extrait in sorte.export:
            if compte is None and not extrait.sans_compte:
                continue
            valeur = extrait.lire(email, compte)
            if extrait.cle in donnees:
                # Another kind filled this key first (the messages of files and of ateliers).
                donnees[extrait.cle] = donnees[extrait.cle] + valeur
            else:
                donnees[extrait.cle] = valeur
            if extrait.tri:
                tris[extrait.cle] = extrait.tri
    for cle, tri in tris.items():
        donnees[cle] = sorted(donnees[cle], key=lambda ligne, tri=tri: ligne[tri])
    return donnees


class ActionDonnees(models.TextChoices):
    EXPORT = "export_donnees_personnelles", "Données personnelles exportées (RGPD)"


def exporter(email, acteur=None):
    """The JSON text of ``donnees_de``; the export is written to the account's journal."""
    compte = _compte(email.strip())
    donnees = donnees_de(email, compte)
    if compte is not None:
        enregistrer(
            compte,
            acteur,
            ActionDonnees.EXPORT,
            "Données personnelles exportées (RGPD)",
            interne=True,
        )
    return json.dumps(donnees, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def est_vide(donnees):
    """Whether the portal holds nothing on the person (no account, no file, no invitation)."""
    return not any(valeur for cle, valeur in donnees.items() if cle not in EN_TETE)

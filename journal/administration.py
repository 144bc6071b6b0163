"""What the Django admin changes in a business record goes to the audit journal: who, when,
which fields, their value before and after — as every transition of the portal does.

``JournalDesModifications`` is the ModelAdmin mixin; ``enregistrer`` seals the events in the
hash chain like any other."""

import datetime

from django.db import models

from socle.formats import date_longue

from .models import enregistrer

VIDE = "(vide)"


class ActionAdministration(models.TextChoices):
    CREATION = "admin_creation", "Créé dans l'administration"
    MODIFICATION = "admin_modification", "Modifié dans l'administration"
    SUPPRESSION = "admin_suppression", "Supprimé dans l'administration"


def _affiche(champ, valeur):
    """A form value as a person reads it: a record's name, a choice's label, a French date."""
    if valeur is None or (isinstance(valeur, str) and not valeur):
        return VIDE
    if isinstance(valeur, models.Model):
        return str(valeur)
    modele = getattr(getattr(champ, "queryset", None), "model", None)
    if isinstance(valeur, (list, tuple, set, models.QuerySet)):
        if modele is not None:
            valeur = modele._default_manager.filter(pk__in=[getattr(v, "pk", v) for v in valeur])
        return ", ".join(sorted(str(v) for v in valeur)) or VIDE
    if modele is not None:  # a key
        return str(modele._default_manager.filter(pk=valeur).first() or valeur)
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, datetime.date) and not isinstance(valeur, datetime.datetime):
        return date_longue(valeur)
    choix = dict(getattr(champ, "choices", None) or ())
    return str(choix.get(valeur, valeur))


def changements(form):
    """« Libellé : avant → après » for each field the form changed."""
    lignes = []
    for nom in form.changed_data:
        champ = form.fields[nom]
        avant = _affiche(champ, form.initial.get(nom))
        apres = _affiche(champ, form.cleaned_data.get(nom))
        lignes.append(f"{champ.label or nom} : {avant} → {apres}")
    return lignes


class JournalDesModifications:
    """ModelAdmin mixin: creations, changes (with the rows of its inlines) and deletions
    made in the admin are written to the record's audit journal."""

    def save_model(self, request, obj, form, change):
        lignes = changements(form) if change else []
        super().save_model(request, obj, form, change)
        if not change:
            enregistrer(
                obj, request.user, ActionAdministration.CREATION, "Créé dans l'administration"
            )
        elif lignes:
            enregistrer(
                obj,
                request.user,
                ActionAdministration.MODIFICATION,
                _libelle(form),
                commentaire="\n".join(lignes),
            )

    def save_formset(self, request, form, formset, change):
        lignes = []
        for ligne in formset.forms:
            if not ligne.has_changed() or not hasattr(ligne, "cleaned_data"):
                continue
            quoi = str(ligne.instance) if ligne.instance.pk else "nouvelle ligne"
            if formset._should_delete_form(ligne):
                lignes.append(f"{formset.model._meta.verbose_name} retiré : {quoi}")
            else:
                for detail in changements(ligne):
                    lignes.append(f"{formset.model._meta.verbose_name} « {quoi} », {detail}")
        super().save_formset(request, form, formset, change)
        if lignes and change:
            enregistrer(
                form.instance,
                request.user,
                ActionAdministration.MODIFICATION,
                f"Modifié dans l'administration : {formset.model._meta.verbose_name_plural}",
                commentaire="\n".join(lignes),
            )

    def delete_model(self, request, obj):
        enregistrer(
            obj,
            request.user,
            ActionAdministration.SUPPRESSION,
            f"Supprimé dans l'administration : {obj}",
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


def _libelle(form):
    noms = [str(form.fields[n].label or n) for n in form.changed_data]
    return ("Modifié dans l'administration : " + ", ".join(noms))[:200]

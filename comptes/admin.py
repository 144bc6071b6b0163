from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm

from journal.administration import JournalDesModifications
from socle.administration import AutocompletionSure, ListeLegere

from . import admin_securite  # noqa: F401 (django-axes' and the TOTP devices' admin, in French)
from .models import Invitation, Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(ListeLegere, JournalDesModifications, AutocompletionSure, admin.ModelAdmin):
    list_display = ("nom", "type", "type_service", "departement", "region", "actif")
    list_filter = ("type", "type_service", "actif", "region")
    list_select_related = ("departement", "region")
    colonnes_de_la_liste = (
        "nom",
        "type",
        "type_service",
        "actif",
        "departement__nom",
        "departement__code",
        "region__nom",
    )
    search_fields = ("nom", "siret", "departement__nom", "region__nom")
    autocomplete_fields = ("commune", "epci")
    fieldsets = (
        (None, {"fields": ("type", "nom", "email", "adresse", "siret", "actif")}),
        (
            "Service déconcentré",
            {
                "fields": (
                    "type_service",
                    "departement",
                    "region",
                    "signataire_nom",
                    "signataire_qualite",
                )
            },
        ),
        ("Collectivité", {"fields": ("commune", "epci")}),
    )


class FormulaireCreationUtilisateur(UserCreationForm):
    class Meta:
        model = User
        fields = ("email", "first_name", "last_name", "role", "organisation")


class FormulaireModificationUtilisateur(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(ListeLegere, JournalDesModifications, AutocompletionSure, DjangoUserAdmin):
    form = FormulaireModificationUtilisateur
    add_form = FormulaireCreationUtilisateur
    ordering = ("last_name", "first_name", "email")
    list_display = ("email", "last_name", "first_name", "role", "organisation", "is_active")
    list_filter = ("role", "is_active", "organisation__type")
    list_select_related = ("organisation",)
    colonnes_de_la_liste = (
        "email",
        "last_name",
        "first_name",
        "role",
        "is_active",
        "organisation__nom",
    )
    search_fields = ("email", "first_name", "last_name", "organisation__nom")
    autocomplete_fields = ("organisation",)
    # Groups follow the role: shown, never edited by hand.
    readonly_fields = ("groups", "last_login", "date_joined", "is_staff")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Identité", {"fields": ("first_name", "last_name", "fonction", "telephone")}),
        ("Rôle", {"fields": ("role", "organisation", "is_active", "is_staff", "groups")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "first_name",
                    "last_name",
                    "role",
                    "organisation",
                    "password1",
                    "password2",
                ),
            },
        ),
    )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are sent from the portal (Annuaire → Invitations), never created here."""

    @admin.display(description="état")
    def etat_affiche(self, obj):
        return obj.etat

    list_display = ("email", "role", "organisation", "invite_par", "envoyee_le", "etat_affiche")
    list_filter = ("role", "organisation__type")
    list_select_related = ("organisation", "invite_par")
    search_fields = ("email", "nom", "prenom", "organisation__nom")
    readonly_fields = [f.name for f in Invitation._meta.fields if f.name != "empreinte_jeton"]
    exclude = ("empreinte_jeton",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

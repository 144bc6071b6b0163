from django.contrib import admin

from .models import AccordCadre, MembreGroupement, Titulaire


class TitulaireInline(admin.TabularInline):
    model = Titulaire
    extra = 0
    fields = ("rang", "nom", "actif")
    ordering = ("rang",)
    show_change_link = True


@admin.register(AccordCadre)
class AccordCadreAdmin(admin.ModelAdmin):
    list_display = ("reference", "intitule", "date_debut", "date_fin", "montant_max_ht", "statut")
    list_filter = ("statut",)
    search_fields = ("reference", "intitule")
    inlines = [TitulaireInline]


class MembreInline(admin.TabularInline):
    model = MembreGroupement
    extra = 0
    autocomplete_fields = ("organisation",)


@admin.register(Titulaire)
class TitulaireAdmin(admin.ModelAdmin):
    list_display = ("nom", "accord_cadre", "rang", "actif")
    list_filter = ("accord_cadre", "actif")
    list_select_related = ("accord_cadre",)
    search_fields = ("nom", "membres__organisation__nom")
    inlines = [MembreInline]

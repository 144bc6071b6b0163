from django.contrib import admin

from journal.admin import LectureSeule

from .models import Document


@admin.register(Document)
class DocumentAdmin(LectureSeule, admin.ModelAdmin):
    list_display = ("titre", "genre", "statut", "tentatives", "demande_le", "termine_le")
    list_filter = ("genre", "statut")
    search_fields = ("titre", "nom_fichier")
    readonly_fields = [f.name for f in Document._meta.fields]

"""``{% load formats %}``: the filters ``euros`` and ``date_longue`` of ``socle.formats``, so a
page writes an amount or a date exactly as the PDFs and e-mails do."""

from django import template

from socle import formats

register = template.Library()

register.filter("euros", formats.euros)
register.filter("date_longue", formats.date_longue)
register.filter("date_heure_longue", formats.date_heure_longue)

"""``{% load formats %}``: the filters ``euros``, ``date_longue`` and ``pluriel`` of
``socle.formats``, so a page writes an amount, a date or a plural exactly as the PDFs and
e-mails do."""

from django import template

from socle import formats

register = template.Library()

register.filter("euros", formats.euros)
register.filter("date_longue", formats.date_longue)
register.filter("date_heure_longue", formats.date_heure_longue)
register.filter("pluriel", formats.pluriel)
register.filter("elision", formats.elision)

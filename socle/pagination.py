"""A list's page read by its keys first: the database sorts narrow rows, not joined ones.

Django's paginator asks for ``LIMIT 25 OFFSET n`` of the list's whole query, joins and long
columns included: to reach page 50 of an inbox, the database joins and sorts every filtered
row before it throws all but 25 away. Here the page's keys are read first, from the list's
filters and order alone (an index in that order serves them without a sort), and only those
25 rows are then read in full, in the same order. The rows and their order are the same.
"""

from django.core.paginator import Paginator


class PaginateurParCles(Paginator):
    def page(self, number):
        number = self.validate_number(number)
        bas = (number - 1) * self.per_page
        haut = bas + self.per_page
        if haut + self.orphans >= self.count:
            haut = self.count
        lignes = self.object_list
        cles = list(lignes.values_list("pk", flat=True)[bas:haut])
        rangs = {cle: rang for rang, cle in enumerate(cles)}
        page = sorted(lignes.filter(pk__in=cles), key=lambda ligne: rangs[ligne.pk])
        return self._get_page(page, number, self)

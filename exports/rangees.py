"""The rows of a list's file read as values, not as model instances.

A file of 100 000 rows needs no model instance: building them and their prefetches row by
row was three quarters of an export's time. A list that declares its ``rangees``
(``exports.listes.Liste``) reads its columns with ``values()``, in chunks of
``TAILLE_DES_LOTS``, and what a row has many of (its communes, its thématiques) with one
query per chunk: the same number of queries for 5 rows or 100 000, and never more than a
chunk in memory. A file of one chunk (every file sent at once) selects those through the
list's own query rather than its keys.

A row is a ``Rangee``: a dict of the values, whose keys can also be read as attributes, so
that a model's own property or method computes a column from it as it does from an instance
(``Candidature.reference.fget(rangee)``): the file shows what the model says.
"""

from itertools import islice

from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

# The rows are read in chunks (a chunk's many-to-many included): the same queries for 5 rows
# or 100 000, and no more than a chunk in memory.
TAILLE_DES_LOTS = 2000


class Rangee(dict):
    """A row of values: ``rangee["service__nom"]``, or ``rangee.annee`` for a model's code."""

    __slots__ = ()

    def __getattr__(self, nom):
        try:
            return self[nom]
        except KeyError:
            raise AttributeError(nom) from None


class Lot(list):
    """A chunk of rows, and what selects them in another query (``cles``)."""

    def __init__(self, rangees, requete=None):
        super().__init__(rangees)
        # The list's own query when the chunk holds all its rows (every small export).
        self.requete = requete

    def cles(self, champ):
        """What selects the rows' ``champ`` values in another query's ``__in``: the list's
        own query as a subquery when the chunk is all its rows (thousands of keys as
        parameters cost twice the query's own time), else the chunk's values."""
        if self.requete is not None:
            return self.requete.values(champ)
        return {rangee[champ] for rangee in self} - {None}


def lire(queryset, champs, *completer):
    """The rows of ``queryset`` as ``Rangee``s of ``champs`` (names as ``values()`` takes
    them), chunk by chunk; each chunk (a ``Lot``) is then given to every ``completer``
    (``plusieurs``…), which adds what the row's own query does not hold."""
    taille = TAILLE_DES_LOTS
    valeurs = queryset.prefetch_related(None).values(*champs).iterator(chunk_size=taille)
    premier = True
    while rangees := [Rangee(v) for v in islice(valeurs, taille)]:
        seul = premier and len(rangees) < taille
        lot = Lot(rangees, queryset if seul else None)
        premier = False
        for completer_le in completer:
            completer_le(lot)
        yield from lot


def plusieurs(nom, cle, paires):
    """A completer: ``rangee[nom]`` is the list of the values that ``paires(keys)`` (one query:
    ``(key, value)`` pairs in their order, for the keys an ``__in`` takes) gives for the
    row's ``rangee[cle]``."""

    def completer(lot):
        cles = lot.cles(cle)
        groupes = {}
        if lot.requete is not None or cles:
            for valeur_cle, valeur in paires(cles):
                groupes.setdefault(valeur_cle, []).append(valeur)
        for rangee in lot:
            rangee[nom] = groupes.get(rangee[cle], [])

    return completer


def jours(*champs):
    """A completer: each timestamp of ``champs`` becomes its local day, as
    ``exports.listes.jour`` gives it (None stays None), the time zone read once a chunk."""

    def completer(lot):
        fuseau = timezone.get_current_timezone()
        for rangee in lot:
            for champ in champs:
                if moment := rangee[champ]:
                    rangee[champ] = timezone.localdate(moment, fuseau)
                else:
                    rangee[champ] = None

    return completer


def affichage(modele, champ):
    """value -> its label among the choices of ``modele.champ``, exactly as the instance's
    ``get_<champ>_display()`` gives it (the value itself when it is not a choice)."""
    choix = dict(make_hashable(modele._meta.get_field(champ).flatchoices))
    return lambda valeur: force_str(choix.get(make_hashable(valeur), valeur), strings_only=True)

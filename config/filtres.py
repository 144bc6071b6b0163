"""The base of every list's filters: the list page and its export build them the same way."""

import django_filters


class FiltreDeListe(django_filters.FilterSet):
    """A list's FilterSet. ``pour`` is the one way to build it, from the page's query string,
    so that an export applies exactly the filters of the screen it was asked from."""

    @classmethod
    def pour(cls, user, donnees, queryset):
        """The filters as ``user`` sees them, applied to ``donnees`` over ``queryset``.

        Unknown parameters (``page``…) are ignored, and so is a value that is not one of the
        choices: the list then shows every row, as it always has.
        """
        return cls(donnees or None, queryset=queryset)

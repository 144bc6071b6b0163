"""Small helpers shared by the tests."""

import html


def texte(reponse):
    """The page as a person reads it (HTML entities decoded)."""
    return html.unescape(reponse.content.decode())


def texte_lu(reponse):
    """The words of the page without markup, spaces collapsed (what a screen reader says)."""
    from django.utils.html import strip_tags

    return " ".join(html.unescape(strip_tags(reponse.content.decode())).split())

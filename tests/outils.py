"""Small helpers shared by the tests."""

import html


def texte(reponse):
    """The page as a person reads it (HTML entities decoded)."""
    return html.unescape(reponse.content.decode())

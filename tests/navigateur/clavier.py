"""Keyboard-only navigation, as a person who does not use a mouse: Tab moves the focus from
one element to the next in the page's order, Enter follows links and presses buttons."""

import pytest

# Enough for the longest page of a journey (header, menu, side content, then the form).
LIMITE_TABULATIONS = 150


def tabuler_jusqua(page, cible, limite=LIMITE_TABULATIONS):
    """Press Tab until ``cible`` (a locator) has the focus; fail if the keyboard never reaches
    it, or if the focus on it cannot be seen."""
    element = cible.element_handle()
    for _ in range(limite):
        page.keyboard.press("Tab")
        if page.evaluate("el => el === document.activeElement", element):
            contour = page.evaluate(
                "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth] }",
                element,
            )
            assert contour[0] != "none" and contour[1] != "0px", (
                f"le focus n'est pas visible sur {cible} ({contour})"
            )
            return
    pytest.fail(f"{cible} n'est pas atteignable au clavier en {limite} tabulations ({page.url})")


def activer(page, cible):
    """Reach ``cible`` with Tab and press Enter on it."""
    tabuler_jusqua(page, cible)
    page.keyboard.press("Enter")


def saisir(page, champ, texte):
    """Reach a field with Tab and type into it."""
    tabuler_jusqua(page, champ)
    page.keyboard.press("Control+A")
    page.keyboard.type(texte)

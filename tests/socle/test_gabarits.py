"""No business rule in a template: a page asks a permission, a property or a context value
(``actions.cloturer``, ``livrable.attend_un_avis``, ``retrait``), it never compares a role or a
state with a literal (``{% if user.role == "administrateur" %}``), which would repeat a rule
the Python code owns and drift from it.

The templates are read with Django's own lexer and the conditions split as ``{% if %}`` splits
them, so a literal in the text of the page or in a ``{% url %}`` does not count.
"""

import re
from pathlib import Path

from django.conf import settings
from django.template.base import Lexer, TokenType
from django.utils.text import smart_split

GABARITS = Path(settings.BASE_DIR) / "templates"
# Attributes that hold a role or a state of the workflow: what the rules are about.
ETATS = {"role", "statut", "etat", "phase", "type", "avis", "publication"}
COMPARAISONS = {"==", "!=", "in", "not in"}


def _litteral(jeton):
    return len(jeton) >= 2 and jeton[0] == jeton[-1] and jeton[0] in "\"'"


def _attribut(jeton):
    """``user.role|lower`` → ``role``: the last attribute of a variable, filters dropped."""
    return jeton.split("|", 1)[0].rsplit(".", 1)[-1]


def comparaisons_d_etat(source):
    """``[(line, condition)]``: the ``{% if %}`` / ``{% elif %}`` of ``source`` that compare a
    role or a state with a literal."""
    trouvees = []
    for jeton in Lexer(source).tokenize():
        if jeton.token_type != TokenType.BLOCK:
            continue
        mots = list(smart_split(jeton.contents))
        if not mots or mots[0] not in ("if", "elif"):
            continue
        mots = mots[1:]
        for i, mot in enumerate(mots):
            if mot == "not" and i + 1 < len(mots) and mots[i + 1] == "in":
                mot = "not in"
            if mot not in COMPARAISONS or i == 0 or i + 1 >= len(mots):
                continue
            gauche, droite = mots[i - 1], mots[i + 1 if mot != "not in" else i + 2]
            for etat, autre in ((gauche, droite), (droite, gauche)):
                if _litteral(autre) and not _litteral(etat) and _attribut(etat) in ETATS:
                    trouvees.append((jeton.lineno, jeton.contents))
    return trouvees


def test_no_template_compares_a_role_or_a_state_with_a_literal():
    fautes = [
        f"{chemin.relative_to(GABARITS)}:{ligne}: {{% {condition} %}}"
        for chemin in sorted(GABARITS.rglob("*.html"))
        for ligne, condition in comparaisons_d_etat(chemin.read_text(encoding="utf-8"))
    ]
    assert not fautes, "Ask a permission or a property instead:\n" + "\n".join(fautes)


def test_the_check_finds_what_it_is_meant_to_find():
    assert comparaisons_d_etat('{% if user.role == "administrateur" %}x{% endif %}')
    assert comparaisons_d_etat("{% if a %}{% elif 'depose' != livrable.statut %}{% endif %}")
    assert comparaisons_d_etat('{% if i.etat|lower in "expirée annulée" %}x{% endif %}')
    assert comparaisons_d_etat('{% if not c.statut not in "brouillon" %}x{% endif %}')
    # A section's code, a form's prefix or a comparison between two variables is no rule.
    assert not comparaisons_d_etat('{% if rubrique.code == "territoire" %}x{% endif %}')
    assert not comparaisons_d_etat("{% if item == page.number %}x{% endif %}")
    assert not comparaisons_d_etat('<p>statut == "depose"</p>{% url "a:b" statut="x" %}')


def test_long_dates_are_written_by_the_portal_s_filters():
    """« 1er décembre », not « 1 décembre »: pages and e-mails write long dates with
    ``date_longue`` / ``date_heure_longue`` (``socle.formats``), never with a raw « j F »."""
    fautes = [
        f"{chemin.relative_to(GABARITS)}"
        for chemin in GABARITS.rglob("*")
        if chemin.is_file() and re.search(r'date:"j F', chemin.read_text(encoding="utf-8"))
    ]
    assert fautes == []

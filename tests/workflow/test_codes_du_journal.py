"""No journal action code is written as a bare string: every code is a member of an enum (a
workflow's actions, or an app's other journal events), so that the PDFs, the generator and the
timelines read the same codes."""

import ast
from pathlib import Path

from django.conf import settings

RACINE = Path(settings.BASE_DIR)


def sources():
    for chemin in sorted(RACINE.glob("*/**/*.py")):
        parties = chemin.relative_to(RACINE).parts
        if parties[0] in (".venv", "tests", "node_modules", "var") or "migrations" in parties:
            continue
        yield chemin


# The functions that write an action code in the journal, and the position of that code.
ECRIVENT_UN_CODE = {"enregistrer": 2, "changer_statut": 3}


def test_no_journal_action_code_is_a_bare_string():
    fautes = []
    for chemin in sources():
        for noeud in ast.walk(ast.parse(chemin.read_text(), str(chemin))):
            if not isinstance(noeud, ast.Call):
                continue
            nom = getattr(noeud.func, "id", None) or getattr(noeud.func, "attr", None)
            rang = ECRIVENT_UN_CODE.get(nom)
            if rang is None:
                continue
            code = noeud.args[rang] if len(noeud.args) > rang else None
            code = code or next((k.value for k in noeud.keywords if k.arg == "action"), None)
            if isinstance(code, ast.Constant) and isinstance(code.value, str):
                fautes.append(f"{chemin.relative_to(RACINE)}:{noeud.lineno} « {code.value} »")
    assert fautes == []

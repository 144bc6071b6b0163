"""The Mermaid diagram of each workflow, generated from its table.

``manage.py diagrammes`` writes them to ``docs/workflows.md`` and between the markers of the
README; a test fails when either is out of date with the tables.
"""

from .registre import WORKFLOWS

DEBUT, FIN = "<!-- workflows:debut -->", "<!-- workflows:fin -->"


def _qui(transition):
    return " ou ".join(partie.code for partie in transition.par)


def mermaid(workflow):
    lignes = ["stateDiagram-v2"]
    for etat in workflow.etats:
        lignes.append(f'    state "{etat.label}" as {etat.value}')
    for t in workflow:
        for source, cible in t.aretes():
            if source == cible:
                continue  # an action that keeps the state is in the table, not on the diagram
            depart = "[*]" if source is None else source
            lignes.append(f"    {depart} --> {cible}: {t.bouton} ({_qui(t)})")
    for etat in workflow.fins:
        lignes.append(f"    {etat} --> [*]")
    return "\n".join(lignes)


def tableau(workflow):
    lignes = [
        "| action (journal code) | from | to | who | notifies | document |",
        "|---|---|---|---|---|---|",
    ]
    for t in workflow:
        depuis = ", ".join(workflow.etats(e).label for e in t.depuis) or "—"
        if isinstance(t.vers, dict):
            vers = ", ".join(
                f"{workflow.etats(a).label} → {workflow.etats(b).label}" for a, b in t.vers.items()
            )
        else:
            vers = workflow.etats(t.vers).label if t.vers is not None else "unchanged"
        notifie = t.sujet or f"nobody: {t.silence}"
        lignes.append(
            f"| {t.bouton} (`{t.code}`) | {depuis} | {vers} | {_qui(t)} | {notifie} "
            f"| {t.document or '—'} |"
        )
    return "\n".join(lignes)


def section():
    """The README's part: one diagram per workflow."""
    blocs = []
    for workflow in WORKFLOWS:
        blocs.append(f"#### {workflow.nom.capitalize()}\n\n```mermaid\n{mermaid(workflow)}\n```")
    return "\n\n".join(blocs)


def page():
    """``docs/workflows.md``: every diagram with its table."""
    parties = [
        "# Workflows\n",
        "Generated from the tables (`<app>/workflow.py`) by `manage.py diagrammes`; a test "
        "fails when this page is out of date. Each arrow is a transition: its button, and who "
        "may take it.\n",
    ]
    for workflow in WORKFLOWS:
        parties.append(f"## {workflow.nom.capitalize()}\n")
        parties.append(f"```mermaid\n{mermaid(workflow)}\n```\n")
        parties.append(tableau(workflow) + "\n")
    return "\n".join(parties)


def readme_a_jour(texte):
    """``texte`` (the README) with its section between the markers regenerated."""
    avant, reste = texte.split(DEBUT, 1)
    _, apres = reste.split(FIN, 1)
    return f"{avant}{DEBUT}\n{section()}\n{FIN}{apres}"

"""Every workflow of the portal, declared by its app in ``<app>/workflow.py``.

The apps sit above this one: they register their table when Django starts
(``WorkflowConfig.ready`` imports every app's ``workflow`` module).
"""

WORKFLOWS = []


def inscrire(workflow):
    WORKFLOWS.append(workflow)
    return workflow


def pour(objet):
    """The workflow of ``objet``'s model (the first one declared on it)."""
    for workflow in WORKFLOWS:
        if isinstance(objet, workflow.modele):
            return workflow
    raise LookupError(f"Aucun workflow pour {type(objet).__name__}.")


def par_nom(nom):
    return next(w for w in WORKFLOWS if w.nom == nom)

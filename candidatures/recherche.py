"""The inbox's search text: the words of a file, lower-case and without accents.

It reads nothing but the file's own fields, so the model stores it (``recherche``) without
depending on the rest of the app; the inbox's filter and the communes' autocompletion
normalise what is typed the same way.
"""

import unicodedata


def normaliser(texte):
    """Lower-case, accent-free text: "Échelle" and "echelle" match."""
    decompose = unicodedata.normalize("NFKD", texte or "")
    return "".join(c for c in decompose if not unicodedata.combining(c)).lower()


def texte_recherche(candidature, communes=None):
    """The inbox's search text; ``communes``: the file's communes, when it is not saved yet."""
    communes = candidature.communes.all() if communes is None else communes
    parties = [
        candidature.titre,
        candidature.description,
        candidature.strategie,
        candidature.secteur,
        candidature.enjeux,
        candidature.problematiques,
        candidature.objectifs,
        candidature.dynamiques,
        candidature.epci.nom if candidature.epci_id else "",
        str(candidature.service),
        *(f"{c.nom} {c.code}" for c in communes),
    ]
    return normaliser(" ".join(p for p in parties if p))

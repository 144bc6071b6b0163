"""The generated documents' personal data (declared to ``socle.donnees_personnelles``).

A document prints what its object holds: those of a file (receipts, decision letter) go with
the file's contacts (``candidatures.donnees_personnelles``); the others are pieces of the
contract's execution and stay. The export tells a person which documents they asked for.
"""

from socle.donnees_personnelles import Extrait, Sorte, declarer

from .models import Document


def _documents_demandes(email, compte):
    return [
        {"titre": d.titre, "demande_le": d.demande_le}
        for d in Document.objects.filter(demande_par=compte).order_by("demande_le")
    ]


declarer(
    Sorte(
        "documents",
        Document,
        ("demande_par", "donnees", "fichier"),
        ordre=130,
        export=(Extrait("documents_demandes", _documents_demandes),),
    )
)

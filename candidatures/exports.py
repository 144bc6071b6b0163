"""The candidatures list, as a page and as a file (CSV or XLSX): its rows and columns, for
``exports``.

The page shows the list's instances; the file reads values (``exports.rangees``): the
columns, the communes and thématiques of a chunk of files in one query each, and the
reviewer's name as the model writes it.
"""

from django.contrib.auth import get_user_model

from exports.listes import DATE, NOMBRE, Colonne, Liste, enregistrer
from exports.rangees import Rangee, affichage, jours, lire, plusieurs

from .filters import CandidatureFilter
from .models import Candidature


def lignes(user):
    return (
        Candidature.objects.visible_to(user)
        .select_related("service", "instructeur", "epci")
        .prefetch_related("communes")
        .defer(*Candidature.TEXTES_LONGS)
        .order_by("-date_dernier_depot", "-modifie_le")
    )


def reference(annee, pk):
    """``Candidature.reference`` of the file of ``pk``, of campaign ``annee``."""
    return Candidature.reference.fget(Rangee(annee=annee, pk=pk))


def territoire(communes, epci):
    """``Candidature.territoire()`` from the communes' names, in their order (their name's),
    and the EPCI's name (None without one)."""
    parties = []
    if len(communes) > 3:
        parties.append(f"{communes[0]} et {len(communes) - 1} autres communes")
    elif communes:
        parties.append(", ".join(communes))
    if epci is not None:
        parties.append(epci)
    return " — ".join(parties)


def _paires(relation, valeur, ordre):
    """``(file, value)`` of a many-to-many of the files (one query on its through table), in
    the related model's order, as a prefetch reads them."""
    traversee = getattr(Candidature, relation).through.objects
    return lambda pks: (
        traversee.filter(candidature_id__in=pks)
        .order_by(*ordre)
        .values_list("candidature_id", valeur)
    )


# The files' communes by name (``Commune.Meta.ordering``), for a column of files or ateliers.
communes = _paires("communes", "commune__nom", ["commune__nom"])
thematiques = _paires(
    "thematiques",
    "thematique__libelle",
    ["thematique__famille", "thematique__ordre", "thematique__libelle"],
)


def _nommer_instructeurs():
    """A completer: ``rangee["instructeur"]`` is ``str(c.instructeur)`` (or ""), each reviewer
    written once by the model's own ``__str__``."""
    User = get_user_model()
    noms = {}

    def completer(lot):
        for rangee in lot:
            pk = rangee["instructeur_id"]
            if pk is not None and pk not in noms:
                noms[pk] = str(
                    User(
                        pk=pk,
                        first_name=rangee["instructeur__first_name"],
                        last_name=rangee["instructeur__last_name"],
                        email=rangee["instructeur__email"],
                    )
                )
            rangee["instructeur"] = noms.get(pk, "")

    return completer


CHAMPS = (
    "pk",
    "titre",
    "annee",
    "statut",
    "service__nom",
    "epci_id",
    "epci__nom",
    "echelle",
    "periode_debut",
    "periode_fin",
    "date_premier_depot",
    "date_dernier_depot",
    "date_decision",
    "instructeur_id",
    "instructeur__first_name",
    "instructeur__last_name",
    "instructeur__email",
)


def rangees(candidatures):
    return lire(
        candidatures,
        CHAMPS,
        plusieurs("communes", "pk", communes),
        plusieurs("thematiques", "pk", thematiques),
        _nommer_instructeurs(),
        # The days of the timestamps, as ``exports.listes.jour`` gives them.
        jours("date_premier_depot", "date_dernier_depot", "date_decision"),
    )


def _dgaln(user):
    return user.est_dgaln


statut = affichage(Candidature, "statut")
echelle = affichage(Candidature, "echelle")

LISTE = enregistrer(
    Liste(
        code="candidatures",
        titre="Candidatures",
        lignes=lignes,
        filtre=CandidatureFilter,
        page="candidatures:liste",
        rangees=rangees,
        colonnes=(
            Colonne("Référence", lambda c: Candidature.reference.fget(c)),
            Colonne("Titre", lambda c: c["titre"]),
            Colonne("Année", lambda c: c["annee"], NOMBRE),
            Colonne("État", lambda c: statut(c["statut"])),
            Colonne("Service", lambda c: c["service__nom"]),
            Colonne("Territoire", lambda c: territoire(c["communes"], c["epci__nom"])),
            Colonne("Échelle", lambda c: echelle(c["echelle"])),
            Colonne("Thématiques", lambda c: ", ".join(c["thematiques"])),
            Colonne("Début souhaité", lambda c: c["periode_debut"], DATE),
            Colonne("Fin souhaitée", lambda c: c["periode_fin"], DATE),
            Colonne("Premier dépôt", lambda c: c["date_premier_depot"], DATE),
            Colonne("Dernier dépôt", lambda c: c["date_dernier_depot"], DATE),
            Colonne("Décision", lambda c: c["date_decision"], DATE),
            # As on the list page: the reviewer is the DGALN's business.
            Colonne("Instructeur", lambda c: c["instructeur"], pour=_dgaln),
        ),
    )
)

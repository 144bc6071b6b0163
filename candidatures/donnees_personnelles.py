"""The files' personal data (declared to ``socle.donnees_personnelles``).

A file holds contacts (the collectivité's référent, often the maire, and the service's) in its
fiche, in each deposit's snapshot and in the documents generated from it. Once the file is
closed for longer than the retention, they are anonymised; what the file is about stays.

The parts of a file that hold personal data are a small registry of their own
(``ajouter_partie``): the ateliers app adds the atelier's list of people invited on site
(``ateliers.donnees_personnelles``) without this app importing it. The journal event
« anonymisation » on the file tells the next run that it is done.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from documents.models import Document
from journal.models import Evenement, enregistrer
from socle.donnees_personnelles import ACTION, Extrait, Sorte, declarer
from socle.fichiers import supprimer_apres_validation

from . import fiche
from .models import (
    Acteur,
    Candidature,
    DemandeComplement,
    Depot,
    Message,
    NoteInterne,
    Piece,
    StatutCandidature,
)

CONTACT_ANONYMISE = "Contact anonymisé"

# A file that reached one of these states never goes further: its closure is the decision.
NON_RETENUES = (
    StatutCandidature.OPPORTUNITE_DECLINEE,
    StatutCandidature.NON_ELIGIBLE,
    StatutCandidature.SANS_SUITE,
)

CONTACTS = {
    "collectivite": ("ref_collectivite_nom", "ref_collectivite_fonction",
                     "ref_collectivite_email", "ref_collectivite_telephone"),
    "service": ("ref_service_nom", "ref_service_fonction",
                "ref_service_email", "ref_service_telephone"),
}  # fmt: skip
CHAMPS_CONTACT = tuple(nom for champs in CONTACTS.values() for nom in champs)


def _ct(modele):
    return ContentType.objects.get_for_model(modele)


def _neutre(nom):
    """What an anonymised contact field holds: a name is replaced, the rest emptied."""
    return CONTACT_ANONYMISE if nom.endswith("_nom") else ""


# --- The parts of a file ----------------------------------------------------------------------


@dataclass(frozen=True)
class Partie:
    """A part of a file that holds personal data."""

    # () -> Q on Candidature: the file's part still holds personal data.
    porte: Callable
    # candidature -> [(objet, libelle)]: anonymise the part (under the file's lock); the
    # events to write to other objects' journals, after the file's own.
    anonymiser: Callable


_PARTIES = []


def ajouter_partie(partie):
    _PARTIES.append(partie)


def _contacts_portes():
    contacts = Q()
    for nom in CHAMPS_CONTACT:
        neutres = ("", CONTACT_ANONYMISE) if nom.endswith("_nom") else ("",)
        contacts |= ~Q(**{f"{nom}__in": neutres})
    return contacts


def _anonymiser_fiche(cand):
    modifies = []
    for champs in CONTACTS.values():
        if not any(getattr(cand, nom) not in ("", CONTACT_ANONYMISE) for nom in champs):
            continue
        for nom in champs:
            setattr(cand, nom, _neutre(nom))
        modifies += champs
    if modifies:
        # ``modifie_le`` stays: it is the file's last business change.
        cand.save(update_fields=modifies)
    return []


def _anonymiser_instantanes(cand):
    """Each deposit keeps what the file held then: its contact entries go too."""
    libelles = {
        libelle: nom for libelle, nom, _ in fiche._champs_instantane() if nom in CHAMPS_CONTACT
    }
    for depot in Depot.objects.select_for_update().filter(candidature=cand):
        instantane = dict(depot.instantane)
        for libelle, nom in libelles.items():
            if instantane.get(libelle):
                instantane[libelle] = _neutre(nom)
        if instantane != depot.instantane:
            depot.instantane = instantane
            depot.save(update_fields=["instantane"])
    return []


def _supprimer_documents(cand):
    """The receipts and decision letter print the contacts: they go, and asking for them
    again renders them from the anonymised file."""
    documents = Document.objects.filter(
        Q(content_type=_ct(Candidature), object_id=cand.pk)
        | Q(content_type=_ct(Depot), object_id__in=cand.depots.values("pk"))
    )
    for document in documents:
        supprimer_apres_validation(document.fichier)
    documents.delete()
    return []


def _depots_portes():
    return Exists(Depot.objects.filter(candidature=OuterRef("pk")))


def _documents_portes():
    return Exists(Document.objects.filter(content_type=_ct(Candidature), object_id=OuterRef("pk")))


ajouter_partie(Partie(_contacts_portes, _anonymiser_fiche))
ajouter_partie(Partie(_depots_portes, _anonymiser_instantanes))
ajouter_partie(Partie(_documents_portes, _supprimer_documents))


# --- Files past their retention ---------------------------------------------------------------


def dossiers_a_anonymiser(candidatures):
    """Of ``candidatures``, the files one of whose parts still holds personal data and that
    were not anonymised yet."""
    porte = Q()
    for partie in _PARTIES:
        porte |= partie.porte()
    deja = Exists(
        Evenement.objects.filter(
            content_type=_ct(Candidature), object_id=OuterRef("pk"), action=ACTION
        )
    )
    return candidatures.filter(porte).exclude(deja)


def candidatures_non_retenues(seuil):
    """Files that ended without an atelier, decided before ``seuil``."""
    # The decision's date; for a file decided before the portal recorded it, the journal's
    # event that brought it to its state, else its last change.
    evenement = (
        Evenement.objects.filter(
            content_type=_ct(Candidature), object_id=OuterRef("pk"), etat_apres=OuterRef("statut")
        )
        .order_by("-date")
        .values("date")[:1]
    )
    return dossiers_a_anonymiser(
        Candidature.objects.filter(statut__in=NON_RETENUES)
        .annotate(close_le=Coalesce("date_decision", Subquery(evenement), "modifie_le"))
        .filter(close_le__lt=seuil)
    )


def traitement_du_dossier(selection):
    """The treatment of one file of ``selection`` (a kind's selection): every part."""

    def traiter(pk, seuil):
        cand = Candidature.objects.select_for_update().get(pk=pk)
        # Re-read under the lock: another run may have done it meanwhile.
        if not selection(seuil).filter(pk=pk).exists():
            return False
        autres = []
        for partie in _PARTIES:
            autres += partie.anonymiser(cand)
        enregistrer(
            cand, None, ACTION, "Contacts du dossier anonymisés (durée de conservation écoulée)"
        )
        for objet, libelle in autres:
            enregistrer(objet, None, ACTION, libelle)
        return True

    return traiter


# --- What the export reads ------------------------------------------------------------------


def _candidatures_comme_contact(email, compte):
    """The files where the person is a référent, their side only."""
    filtre = Q()
    for cote in CONTACTS:
        filtre |= Q(**{f"ref_{cote}_email__iexact": email})
    lignes = []
    candidatures = (
        Candidature.objects.filter(filtre).select_related("service", "atelier").order_by("pk")
    )
    for cand in candidatures:
        for cote, (nom, fonction, adresse, telephone) in CONTACTS.items():
            if getattr(cand, adresse).lower() != email:
                continue
            atelier = getattr(cand, "atelier", None)
            lignes.append(
                {
                    "reference": cand.reference,
                    "titre": cand.titre,
                    "statut": cand.get_statut_display(),
                    "service": str(cand.service),
                    "atelier": atelier.reference if atelier else None,
                    "qualite": "Référent de la collectivité"
                    if cote == "collectivite"
                    else "Référent du service déconcentré",
                    "nom": getattr(cand, nom),
                    "fonction": getattr(cand, fonction),
                    "adresse_email": getattr(cand, adresse),
                    "telephone": getattr(cand, telephone),
                }
            )
    return lignes


def _messages(email, compte):
    return [
        {
            "fil": "candidature",
            "dossier": m.candidature.reference,
            "date": m.date,
            "texte": m.texte,
            "piece_jointe": m.nom_fichier,
        }
        for m in Message.objects.filter(auteur=compte).select_related("candidature")
    ]


def _notes(email, compte):
    return [
        {"dossier": n.candidature.reference, "date": n.date, "texte": n.texte}
        for n in NoteInterne.objects.filter(auteur=compte).select_related("candidature")
    ]


def _complements(email, compte):
    return [
        {"dossier": d.candidature.reference, "date": d.date, "texte": d.message}
        for d in DemandeComplement.objects.filter(auteur=compte).select_related("candidature")
    ]


# --- The kinds ------------------------------------------------------------------------------

declarer(
    Sorte(
        "candidatures_non_retenues",
        Candidature,
        CHAMPS_CONTACT,
        ordre=10,
        libelle="Candidatures non retenues : contacts anonymisés",
        conservation="CONSERVATION_CANDIDATURES_NON_RETENUES_ANS",
        selection=candidatures_non_retenues,
        traiter=traitement_du_dossier(candidatures_non_retenues),
        export=(
            Extrait(
                "candidatures_ou_la_personne_est_contact",
                _candidatures_comme_contact,
                sans_compte=True,
            ),
        ),
    )
)
# Anonymised with their file (the parts above), by either kind that selects it.
declarer(Sorte("depots", Depot, ("instantane", "auteur"), ordre=15))
# What the person wrote stays with the file; its author reads « Compte anonymisé » once the
# account is, and free text is not rewritten (docs: known limits).
declarer(
    Sorte(
        "messages",
        Message,
        ("auteur", "texte", "fichier"),
        ordre=70,
        export=(Extrait("messages", _messages, tri="date"),),
    )
)
declarer(
    Sorte(
        "notes_internes",
        NoteInterne,
        ("auteur", "texte"),
        ordre=80,
        export=(Extrait("notes_internes", _notes),),
    )
)
declarer(
    Sorte(
        "demandes_de_complement",
        DemandeComplement,
        ("auteur", "message"),
        ordre=90,
        export=(Extrait("demandes_de_complement", _complements),),
    )
)
# Kept with the file: structures and functions, not people; signed letters of public
# authorities (their archiving is to be settled, docs: known limits).
declarer(Sorte("acteurs", Acteur, ("nom", "role"), ordre=900))
declarer(Sorte("pieces", Piece, ("fichier", "ajoutee_par"), ordre=900))

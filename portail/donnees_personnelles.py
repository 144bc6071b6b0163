"""Personal data past their retention: what is anonymised or deleted, kind by kind.

Each kind of record has its retention setting (``CONSERVATION_*``, from the environment) and
here a selection (the records past it that still hold personal data) and a treatment (one
record, in its own transaction). ``anonymiser()`` runs them all; ``manage.py
anonymiser_donnees`` and the daily Celery task call it. The inventory, and why each duration,
are in ``docs/donnees-personnelles.md``.

What is business stays: states, dates, amounts, communes, the fiche's content, the messages'
text. Accounts are never deleted (the audit journal names them, RESTRICT): they are
deactivated and renamed « Compte anonymisé ». The journal itself is append-only: an
anonymisation adds an event (without personal data) to the object's journal, which is also
what tells the next run that a file is done.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from ateliers.models import Atelier, Phase, ProgrammeSurSite
from candidatures import fiche
from candidatures.models import Candidature, Depot, Statut
from comptes.models import Invitation, User
from documents.models import Document
from exports.models import Export
from journal.models import Evenement, enregistrer
from notifications.models import Notification, Preference
from socle.fichiers import supprimer_apres_validation

ACTION = "anonymisation"
CONTACT_ANONYMISE = "Contact anonymisé"
COMPTE_ANONYMISE = "Compte anonymisé"
INVITES_ANONYMISES = "Liste des personnes invitées anonymisée."
DOMAINE_ANONYME = "anonyme.invalid"  # RFC 2606: never deliverable, still a valid address

# A file that reached one of these states never goes further: its closure is the decision.
NON_RETENUES = (Statut.OPPORTUNITE_DECLINEE, Statut.NON_ELIGIBLE, Statut.SANS_SUITE)
# The actions on an account that say it is still wanted (its clock starts again).
ACTIONS_DE_GESTION_DU_COMPTE = ("reactivation", "rattachement")

CONTACTS = {
    "collectivite": ("ref_collectivite_nom", "ref_collectivite_fonction",
                     "ref_collectivite_email", "ref_collectivite_telephone"),
    "service": ("ref_service_nom", "ref_service_fonction",
                "ref_service_email", "ref_service_telephone"),
}  # fmt: skip
CHAMPS_CONTACT = tuple(nom for champs in CONTACTS.values() for nom in champs)


def email_anonyme(pk):
    return f"anonymise-{pk}@{DOMAINE_ANONYME}"


def est_anonymise(compte):
    return compte.email == email_anonyme(compte.pk)


def il_y_a(maintenant, ans=0, jours=0):
    """``maintenant`` minus whole calendar years (29 February → 28) and days."""
    if ans:
        try:
            maintenant = maintenant.replace(year=maintenant.year - ans)
        except ValueError:
            maintenant = maintenant.replace(year=maintenant.year - ans, day=28)
    return maintenant - timedelta(days=jours)


def _ct(modele):
    return ContentType.objects.get_for_model(modele)


# --- Candidatures and ateliers: the contacts of the file --------------------------------------


def _deja_anonymisee():
    return Exists(
        Evenement.objects.filter(
            content_type=_ct(Candidature), object_id=OuterRef("pk"), action=ACTION
        )
    )


def _porte_des_donnees_personnelles():
    """The file still holds contacts: in its fiche, its deposits' snapshots, its generated
    documents (receipts, decision letter), or its atelier's list of people invited on site."""
    contacts = Q()
    for nom in CHAMPS_CONTACT:
        neutres = ("", CONTACT_ANONYMISE) if nom.endswith("_nom") else ("",)
        contacts |= ~Q(**{f"{nom}__in": neutres})
    depots = Exists(Depot.objects.filter(candidature=OuterRef("pk")))
    documents = Exists(
        Document.objects.filter(content_type=_ct(Candidature), object_id=OuterRef("pk"))
    )
    invites = Exists(
        ProgrammeSurSite.objects.filter(atelier__candidature=OuterRef("pk"))
        .exclude(invites="")
        .exclude(invites=INVITES_ANONYMISES)
    )
    return contacts | depots | documents | invites


def candidatures_non_retenues(maintenant):
    """Files that ended without an atelier, decided longer ago than the retention."""
    seuil = il_y_a(maintenant, ans=settings.CONSERVATION_CANDIDATURES_NON_RETENUES_ANS)
    # The decision's date; for a file decided before the portal recorded it, the journal's
    # event that brought it to its state, else its last change.
    evenement = (
        Evenement.objects.filter(
            content_type=_ct(Candidature), object_id=OuterRef("pk"), etat_apres=OuterRef("statut")
        )
        .order_by("-date")
        .values("date")[:1]
    )
    return (
        Candidature.objects.filter(statut__in=NON_RETENUES)
        .annotate(close_le=Coalesce("date_decision", Subquery(evenement), "modifie_le"))
        .filter(close_le__lt=seuil)
        .filter(_porte_des_donnees_personnelles())
        .exclude(_deja_anonymisee())
    )


def candidatures_d_ateliers_clotures(maintenant):
    """Files whose atelier was closed longer ago than the retention."""
    seuil = il_y_a(maintenant, ans=settings.CONSERVATION_ATELIERS_CLOTURES_ANS)
    return (
        Candidature.objects.filter(statut=Statut.ATTRIBUEE, atelier__statut=Phase.CLOTURE)
        .filter(
            Q(atelier__date_cloture__lt=timezone.localtime(seuil).date())
            | Q(atelier__date_cloture__isnull=True, atelier__modifie_le__lt=seuil)
        )
        .filter(_porte_des_donnees_personnelles())
        .exclude(_deja_anonymisee())
    )


def _anonymiser_fiche(cand):
    modifies = []
    for champs in CONTACTS.values():
        if not any(getattr(cand, nom) not in ("", CONTACT_ANONYMISE) for nom in champs):
            continue
        for nom in champs:
            setattr(cand, nom, CONTACT_ANONYMISE if nom.endswith("_nom") else "")
        modifies += champs
    if modifies:
        # ``modifie_le`` stays: it is the file's last business change.
        cand.save(update_fields=modifies)


def _anonymiser_instantanes(cand):
    """Each deposit keeps what the file held then: its contact entries go too."""
    libelles = {
        libelle: nom for libelle, nom, _ in fiche._champs_instantane() if nom in CHAMPS_CONTACT
    }
    for depot in Depot.objects.select_for_update().filter(candidature=cand):
        instantane = dict(depot.instantane)
        for libelle, nom in libelles.items():
            if instantane.get(libelle):
                instantane[libelle] = CONTACT_ANONYMISE if nom.endswith("_nom") else ""
        if instantane != depot.instantane:
            depot.instantane = instantane
            depot.save(update_fields=["instantane"])


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


def _anonymiser_programme(cand):
    """The people invited on site, by name, in the atelier's programme. Returns the atelier
    when something changed."""
    atelier = Atelier.objects.filter(candidature=cand).first()
    if atelier is None:
        return None
    programme = ProgrammeSurSite.objects.select_for_update().filter(atelier=atelier).first()
    if programme is None or programme.invites in ("", INVITES_ANONYMISES):
        return None
    programme.invites = INVITES_ANONYMISES
    programme.save(update_fields=["invites"])
    return atelier


def _traiter_candidature(selection):
    def traiter(pk, maintenant):
        cand = Candidature.objects.select_for_update().get(pk=pk)
        # Re-read under the lock: another run may have done it meanwhile.
        if not selection(maintenant).filter(pk=pk).exists():
            return False
        _anonymiser_fiche(cand)
        _anonymiser_instantanes(cand)
        _supprimer_documents(cand)
        atelier = _anonymiser_programme(cand)
        enregistrer(
            cand, None, ACTION, "Contacts du dossier anonymisés (durée de conservation écoulée)"
        )
        if atelier is not None:
            enregistrer(
                atelier,
                None,
                ACTION,
                "Personnes invitées sur site anonymisées (durée de conservation écoulée)",
            )
        return True

    return traiter


# --- Accounts -------------------------------------------------------------------------------


def comptes_inactifs(maintenant):
    """Accounts nobody has used for longer than the retention, not yet anonymised: the last
    login (or the creation), or the last reactivation or move by an administrateur."""
    seuil = il_y_a(maintenant, ans=settings.CONSERVATION_COMPTES_INACTIFS_ANS)
    gestion = (
        Evenement.objects.filter(
            content_type=_ct(User),
            object_id=OuterRef("pk"),
            action__in=ACTIONS_DE_GESTION_DU_COMPTE,
        )
        .order_by("-date")
        .values("date")[:1]
    )
    connexion = Coalesce("last_login", "date_joined")
    return (
        User.objects.exclude(email__endswith=f"@{DOMAINE_ANONYME}")
        .annotate(actif_le=Greatest(connexion, Coalesce(Subquery(gestion), connexion)))
        .filter(actif_le__lt=seuil)
    )


def anonymiser_compte(compte, libelle):
    """Deactivate the account and remove who the person was; what they did stays, under
    « Compte anonymisé » and their organisation. Call it inside a transaction."""
    ancien_email = compte.email
    avant = "actif" if compte.is_active else "désactivé"
    compte.email = email_anonyme(compte.pk)
    compte.first_name = ""
    compte.last_name = COMPTE_ANONYMISE
    compte.fonction = ""
    compte.telephone = ""
    compte.is_active = False
    # A new password hash also ends the sessions still open.
    compte.set_unusable_password()
    compte.save(
        update_fields=[
            "email",
            "first_name",
            "last_name",
            "fonction",
            "telephone",
            "is_active",
            "password",
        ]
    )
    # The invitation that brought the person in stays (who granted access), nameless; older
    # ones to the same address are of no use any more.
    Invitation.objects.filter(compte=compte).update(
        email=compte.email, prenom="", nom=COMPTE_ANONYMISE
    )
    Invitation.objects.filter(email__iexact=ancien_email, acceptee_le__isnull=True).delete()
    # What was only for the person: their notifications, choices and export files.
    Notification.objects.filter(destinataire=compte).delete()
    Preference.objects.filter(personne=compte).delete()
    exports = Export.objects.filter(demandeur=compte)
    for export in exports:
        supprimer_apres_validation(export.fichier)
    exports.delete()
    enregistrer(compte, None, ACTION, libelle, avant, "anonymisé")
    return compte


def _traiter_compte(pk, maintenant):
    compte = User.objects.select_for_update().get(pk=pk)
    if not comptes_inactifs(maintenant).filter(pk=pk).exists():
        return False
    ans = settings.CONSERVATION_COMPTES_INACTIFS_ANS
    anonymiser_compte(compte, f"Compte anonymisé : aucune connexion depuis plus de {ans} ans")
    return True


# --- Records kept for a while, then deleted -------------------------------------------------


def invitations_perimees(maintenant):
    seuil = il_y_a(maintenant, jours=settings.CONSERVATION_INVITATIONS_JOURS)
    return Invitation.objects.filter(acceptee_le__isnull=True).filter(
        Q(annulee_le__lt=seuil) | Q(annulee_le__isnull=True, expire_le__lt=seuil)
    )


def exports_perimes(maintenant):
    seuil = il_y_a(maintenant, jours=settings.CONSERVATION_EXPORTS_JOURS)
    return Export.objects.filter(demande_le__lt=seuil)


def notifications_lues_perimees(maintenant):
    seuil = il_y_a(maintenant, jours=settings.CONSERVATION_NOTIFICATIONS_LUES_JOURS)
    return Notification.objects.filter(lue_le__lt=seuil)


def _supprimer_export(pk, maintenant):
    export = exports_perimes(maintenant).select_for_update().filter(pk=pk).first()
    if export is None:
        return False
    supprimer_apres_validation(export.fichier)
    export.delete()
    return True


# --- All kinds ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sorte:
    code: str
    libelle: str
    selection: object  # maintenant -> QuerySet of the records past retention
    # (pk, maintenant) -> bool, in its own transaction; None: rows without files nor journal,
    # deleted together in one statement.
    traiter: object = None


SORTES = (
    Sorte(
        "candidatures_non_retenues",
        "Candidatures non retenues : contacts anonymisés",
        candidatures_non_retenues,
        _traiter_candidature(candidatures_non_retenues),
    ),
    Sorte(
        "ateliers_clotures",
        "Ateliers clôturés : contacts anonymisés",
        candidatures_d_ateliers_clotures,
        _traiter_candidature(candidatures_d_ateliers_clotures),
    ),
    Sorte(
        "comptes",
        "Comptes inactifs : désactivés et anonymisés",
        comptes_inactifs,
        _traiter_compte,
    ),
    Sorte(
        "invitations",
        "Invitations non acceptées : supprimées",
        invitations_perimees,
    ),
    Sorte("exports", "Exports : fichiers supprimés", exports_perimes, _supprimer_export),
    Sorte(
        "notifications",
        "Notifications lues : supprimées",
        notifications_lues_perimees,
    ),
)


def anonymiser(maintenant=None, simulation=False):
    """Anonymise or delete every record past its retention; ``{kind: count}``.

    Each record is treated in its own transaction, so a failure leaves the others done and
    the next run takes it again; a record already treated is never selected again. With
    ``simulation``, only count."""
    maintenant = maintenant or timezone.now()
    bilan = {}
    for sorte in SORTES:
        selection = sorte.selection(maintenant)
        if simulation:
            bilan[sorte.code] = selection.count()
            continue
        if sorte.traiter is None:
            with transaction.atomic():
                _, par_modele = selection.delete()
            bilan[sorte.code] = par_modele.get(selection.model._meta.label, 0)
            continue
        pks = list(selection.order_by("pk").values_list("pk", flat=True))
        faits = 0
        for pk in pks:
            with transaction.atomic():
                faits += sorte.traiter(pk, maintenant)
        bilan[sorte.code] = faits
    return bilan

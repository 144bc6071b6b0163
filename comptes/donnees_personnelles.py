"""The accounts' personal data: accounts, invitations, organisations (declared to the registry).

Accounts are never deleted (the audit journal names them, RESTRICT): past their retention they
are deactivated and renamed « Compte anonymisé »; what they did stays, under that name and
their organisation. Invitations not accepted are deleted after a while; the one that brought a
person in stays, nameless, as the trace of who granted access.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest

from journal.models import Evenement, enregistrer
from socle.donnees_personnelles import ACTION, Extrait, Sorte, anonymiser_avec_le_compte, declarer

from .models import Invitation, Organisation, User

COMPTE_ANONYMISE = "Compte anonymisé"
DOMAINE_ANONYME = "anonyme.invalid"  # RFC 2606: never deliverable, still a valid address
# The actions on an account that say it is still wanted (its clock starts again).
ACTIONS_DE_GESTION_DU_COMPTE = ("reactivation", "rattachement")


def email_anonyme(pk):
    return f"anonymise-{pk}@{DOMAINE_ANONYME}"


def est_anonymise(compte):
    return compte.email == email_anonyme(compte.pk)


# --- Accounts -------------------------------------------------------------------------------


def comptes_inactifs(seuil):
    """Accounts nobody has used since ``seuil``, not yet anonymised: the last login (or the
    creation), or the last reactivation or move by an administrateur."""
    gestion = (
        Evenement.objects.filter(
            content_type=ContentType.objects.get_for_model(User),
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
    # What every kind keeps only for the person (invitations, notifications, exports…),
    # while the account still has its address.
    anonymiser_avec_le_compte(compte)
    avant = "actif" if compte.is_active else "désactivé"
    compte.email = email_anonyme(compte.pk)
    compte.first_name = ""
    compte.last_name = COMPTE_ANONYMISE
    compte.fonction = ""
    compte.telephone = ""
    compte.siret = ""
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
            "siret",
            "is_active",
            "password",
        ]
    )
    enregistrer(compte, None, ACTION, libelle, avant, "anonymisé")
    return compte


def _traiter_compte(pk, seuil):
    compte = User.objects.select_for_update().get(pk=pk)
    # Re-read under the lock: another run may have done it meanwhile.
    if not comptes_inactifs(seuil).filter(pk=pk).exists():
        return False
    ans = settings.CONSERVATION_COMPTES_INACTIFS_ANS
    anonymiser_compte(compte, f"Compte anonymisé : aucune connexion depuis plus de {ans} ans")
    return True


def _compte(email, compte):
    if compte is None:
        return None
    return {
        "identifiant": compte.pk,
        "adresse_email": compte.email,
        "prenom": compte.first_name,
        "nom": compte.last_name,
        "fonction": compte.fonction,
        "telephone": compte.telephone,
        "siret_etablissement": compte.siret,
        "role": compte.get_role_display(),
        "organisation": str(compte.organisation) if compte.organisation_id else "",
        "type_organisation": compte.organisation.get_type_display()
        if compte.organisation_id
        else "",
        "actif": compte.is_active,
        "cree_le": compte.date_joined,
        "derniere_connexion": compte.last_login,
    }


declarer(
    Sorte(
        "comptes",
        User,
        ("first_name", "last_name", "email", "fonction", "telephone", "password", "last_login"),
        ordre=30,
        libelle="Comptes inactifs : désactivés et anonymisés",
        conservation="CONSERVATION_COMPTES_INACTIFS_ANS",
        selection=comptes_inactifs,
        traiter=_traiter_compte,
        export=(Extrait("compte", _compte, sans_compte=True),),
    )
)


# --- Invitations ----------------------------------------------------------------------------


def invitations_perimees(seuil):
    return Invitation.objects.filter(acceptee_le__isnull=True).filter(
        Q(annulee_le__lt=seuil) | Q(annulee_le__isnull=True, expire_le__lt=seuil)
    )


def _invitations_avec_le_compte(compte):
    # The invitation that brought the person in stays (who granted access), nameless; older
    # ones to the same address are of no use any more.
    Invitation.objects.filter(compte=compte).update(
        email=email_anonyme(compte.pk), prenom="", nom=COMPTE_ANONYMISE
    )
    Invitation.objects.filter(email__iexact=compte.email, acceptee_le__isnull=True).delete()


def _invitation(invitation):
    return {
        "adresse_email": invitation.email,
        "prenom": invitation.prenom,
        "nom": invitation.nom,
        "role": invitation.get_role_display(),
        "organisation": str(invitation.organisation),
        "envoyee_le": invitation.envoyee_le,
        "etat": invitation.etat,
    }


def _invitations_recues(email, compte):
    if compte is None:
        filtre = Q(email__iexact=email)
    else:
        filtre = Q(compte=compte) | Q(email__iexact=compte.email)
    invitations = Invitation.objects.filter(filtre).select_related("organisation")
    return [_invitation(i) for i in invitations]


def _invitations_envoyees(email, compte):
    # Whom they invited is the invited people's data: dates, roles and places only.
    return [
        {
            "envoyee_le": i.envoyee_le,
            "role": i.get_role_display(),
            "organisation": str(i.organisation),
            "etat": i.etat,
        }
        for i in compte.invitations_envoyees.select_related("organisation")
    ]


declarer(
    Sorte(
        "invitations",
        Invitation,
        ("email", "prenom", "nom", "invite_par"),
        ordre=40,
        libelle="Invitations non acceptées : supprimées",
        conservation="CONSERVATION_INVITATIONS_JOURS",
        selection=invitations_perimees,
        avec_le_compte=_invitations_avec_le_compte,
        export=(
            Extrait("invitations_recues", _invitations_recues, sans_compte=True),
            Extrait("invitations_envoyees", _invitations_envoyees),
        ),
    )
)

# A service's or a company's functional address, not a person's: kept with the organisation.
declarer(Sorte("organisations", Organisation, ("email",), ordre=900))

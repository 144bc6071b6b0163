"""What the portal holds on one person (right of access, RGPD art. 15), as one JSON document.

The person is found by e-mail address, with or without an account: a maire named as the
collectivité's référent has no account but appears in files. Only what is about that person
is exported: where a record also names others (the other référent of a file, the people they
invited, the administrateur who deactivated them), those others are left out.

``manage.py exporter_donnees_personne <email>`` writes it; DGALN administrateurs download it
from the Django admin (action on users, ``portail.admin``).
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.utils import timezone

from ateliers.models import MessageAtelier
from candidatures.models import Candidature, DemandeComplement, Message, NoteInterne
from comptes.models import Invitation, Role, User
from documents.models import Document
from exports.models import Export
from journal.models import Evenement, enregistrer
from livrables.models import Version
from socle.decisions import OUI, non

from .donnees_personnelles import CONTACTS


def peut_exporter_donnees_personnelles(user):
    """Only a DGALN administrateur (or a superuser) exports someone's personal data."""
    if not (user.is_authenticated and user.is_active):
        return non("Connectez-vous.")
    if user.role == Role.ADMINISTRATEUR or user.is_superuser:
        return OUI
    return non(
        "Seul un administrateur DGALN peut exporter les données personnelles d'une personne."
    )


def _objet(evenement, types):
    return f"{types[evenement.content_type_id].name} n° {evenement.object_id}"


def _compte(compte):
    return {
        "identifiant": compte.pk,
        "adresse_email": compte.email,
        "prenom": compte.first_name,
        "nom": compte.last_name,
        "fonction": compte.fonction,
        "telephone": compte.telephone,
        "role": compte.get_role_display(),
        "organisation": str(compte.organisation) if compte.organisation_id else "",
        "type_organisation": compte.organisation.get_type_display()
        if compte.organisation_id
        else "",
        "actif": compte.is_active,
        "cree_le": compte.date_joined,
        "derniere_connexion": compte.last_login,
    }


def _candidatures_comme_contact(email):
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


def _ecrits(compte):
    """What the person wrote: messages, internal notes, complement requests, livrables."""
    messages = [
        {
            "fil": "candidature",
            "dossier": m.candidature.reference,
            "date": m.date,
            "texte": m.texte,
            "piece_jointe": m.nom_fichier,
        }
        for m in Message.objects.filter(auteur=compte).select_related("candidature")
    ] + [
        {"fil": "atelier", "dossier": m.atelier.reference, "date": m.date, "texte": m.texte}
        for m in MessageAtelier.objects.filter(auteur=compte).select_related("atelier__candidature")
    ]
    notes = [
        {"dossier": n.candidature.reference, "date": n.date, "texte": n.texte}
        for n in NoteInterne.objects.filter(auteur=compte).select_related("candidature")
    ]
    complements = [
        {"dossier": d.candidature.reference, "date": d.date, "texte": d.message}
        for d in DemandeComplement.objects.filter(auteur=compte).select_related("candidature")
    ]
    versions = Version.objects.filter(Q(deposee_par=compte) | Q(avis_par=compte)).select_related(
        "livrable__atelier__candidature"
    )
    livrables = []
    for v in versions:
        ligne = {
            "atelier": v.livrable.atelier.reference,
            "livrable": v.livrable.nom,
            "version": v.numero,
        }
        if v.deposee_par_id == compte.pk:
            livrables.append(
                ligne
                | {"quoi": "dépôt", "date": v.deposee_le, "fichier": v.nom_fichier, "note": v.note}
            )
        if v.avis_par_id == compte.pk:
            livrables.append(
                ligne
                | {
                    "quoi": "avis",
                    "date": v.avis_le,
                    "avis": v.get_avis_display(),
                    "commentaire": v.commentaire,
                }
            )
    return {
        "messages": sorted(messages, key=lambda m: m["date"]),
        "notes_internes": notes,
        "demandes_de_complement": complements,
        "livrables": livrables,
    }


def _journal(compte):
    types = {ct.pk: ct for ct in ContentType.objects.all()}
    actions = [
        {
            "date": e.date,
            "objet": _objet(e, types),
            "action": e.action,
            "libelle": e.libelle,
            "etat_avant": e.etat_avant,
            "etat_apres": e.etat_apres,
            "commentaire": e.commentaire,
        }
        for e in Evenement.objects.filter(acteur=compte).order_by("date", "pk")
    ]
    # What others did to the account: the actor is named by role only.
    sur_le_compte = [
        {
            "date": e.date,
            "libelle": e.libelle,
            "commentaire": e.commentaire,
            "par": e.acteur.get_role_display() if e.acteur_id else "le portail",
        }
        for e in Evenement.objects.pour(compte).exclude(acteur=compte)
    ]
    return actions, sur_le_compte


def _du_compte(compte):
    invitations_recues = Invitation.objects.filter(
        Q(compte=compte) | Q(email__iexact=compte.email)
    ).select_related("organisation")
    actions, sur_le_compte = _journal(compte)
    return {
        "compte": _compte(compte),
        "invitations_recues": [_invitation(i) for i in invitations_recues],
        # Whom they invited is the invited people's data: dates, roles and places only.
        "invitations_envoyees": [
            {
                "envoyee_le": i.envoyee_le,
                "role": i.get_role_display(),
                "organisation": str(i.organisation),
                "etat": i.etat,
            }
            for i in compte.invitations_envoyees.select_related("organisation")
        ],
        "preferences_de_notification": [
            {"evenement": p.get_evenement_display(), "mode": p.get_mode_display()}
            for p in compte.preferences.all()
        ],
        "notifications": [
            {
                "date": n.creee_le,
                "evenement": n.get_evenement_display(),
                "titre": n.titre,
                "texte": n.texte,
                "lue_le": n.lue_le,
                "email_envoye_le": n.email_envoye_le,
            }
            for n in compte.notifications.order_by("creee_le", "pk")
        ],
        **_ecrits(compte),
        "actions_au_journal": actions,
        "evenements_du_compte": sur_le_compte,
        "exports": [
            {
                "titre": e.titre,
                "format": e.get_format_display(),
                "filtres": e.filtres,
                "demande_le": e.demande_le,
                "statut": e.get_statut_display(),
            }
            for e in Export.objects.filter(demandeur=compte)
        ],
        "documents_demandes": [
            {"titre": d.titre, "demande_le": d.demande_le}
            for d in Document.objects.filter(demande_par=compte).order_by("demande_le")
        ],
    }


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


def donnees_de(email):
    """Everything the portal holds on the person with this address, as a dict."""
    email = email.strip().lower()
    compte = User.objects.select_related("organisation").filter(email__iexact=email).first()
    donnees = {
        "genere_le": timezone.now(),
        "adresse_email": email,
        "candidatures_ou_la_personne_est_contact": _candidatures_comme_contact(email),
    }
    if compte is None:
        donnees["compte"] = None
        donnees["invitations_recues"] = [
            _invitation(i)
            for i in Invitation.objects.filter(email__iexact=email).select_related("organisation")
        ]
        return donnees
    return donnees | _du_compte(compte)


def exporter(email, acteur=None):
    """The JSON text of ``donnees_de``; the export is written to the account's journal."""
    donnees = donnees_de(email)
    compte = User.objects.filter(email__iexact=email.strip()).first()
    if compte is not None:
        enregistrer(
            compte,
            acteur,
            "export_donnees_personnelles",
            "Données personnelles exportées (RGPD)",
            interne=True,
        )
    return json.dumps(donnees, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def est_vide(donnees):
    return donnees["compte"] is None and not any(
        donnees[cle] for cle in ("candidatures_ou_la_personne_est_contact", "invitations_recues")
    )

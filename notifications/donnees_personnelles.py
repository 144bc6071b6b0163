"""The notifications' personal data (declared to ``socle.donnees_personnelles``).

A notification points to a file that keeps the thread itself: read, it is deleted after its
retention; all of a person's notifications and choices go with their account's anonymisation.
"""

from socle.donnees_personnelles import Extrait, Sorte, declarer

from .models import Notification, Preference


def _preferences(email, compte):
    return [
        {"evenement": p.get_evenement_display(), "mode": p.get_mode_display()}
        for p in compte.preferences.all()
    ]


declarer(
    Sorte(
        "preferences",
        Preference,
        ("personne", "evenement", "mode"),
        ordre=45,
        avec_le_compte=lambda compte: Preference.objects.filter(personne=compte).delete(),
        export=(Extrait("preferences_de_notification", _preferences),),
    )
)


def notifications_lues_perimees(seuil):
    return Notification.objects.filter(lue_le__lt=seuil)


def _notifications(email, compte):
    return [
        {
            "date": n.creee_le,
            "evenement": n.get_evenement_display(),
            "titre": n.titre,
            "texte": n.texte,
            "lue_le": n.lue_le,
            "email_envoye_le": n.email_envoye_le,
        }
        for n in compte.notifications.order_by("creee_le", "pk")
    ]


declarer(
    Sorte(
        "notifications",
        Notification,
        ("destinataire", "titre", "texte"),
        ordre=60,
        libelle="Notifications lues : supprimées",
        conservation="CONSERVATION_NOTIFICATIONS_LUES_JOURS",
        selection=notifications_lues_perimees,
        avec_le_compte=lambda compte: Notification.objects.filter(destinataire=compte).delete(),
        export=(Extrait("notifications", _notifications),),
    )
)

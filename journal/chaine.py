"""The journal's hash chain: sealing committed events, and verifying the whole chain.

Each event, once the transaction that wrote it has committed, receives a rank (1, 2, 3… over
the whole journal, in the order events are sealed), the fingerprint of the event of the rank
before (``ORIGINE`` for the first) and its own fingerprint: an HMAC-SHA256, keyed by
``JOURNAL_CLE``, of its rank, the previous fingerprint and every field of the event. Changing a
field, deleting an event or inserting one in the middle breaks the chain at that point, and
``verifier`` names the first broken link. With a key kept outside the database, someone who can
only write to the database cannot forge a new, consistent chain either.

Sealing happens after commit rather than inside the business transaction: a transition never
waits on the journal's lock, and an event whose transaction rolls back is never chained. The
periodic sweep (``journal.tasks.sceller_journal``) seals what a crash left unsealed.
"""

import datetime
import hashlib
import hmac
import json
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from .models import Evenement

logger = logging.getLogger(__name__)

ORIGINE = "0" * 64
LOT = 2000
# The PostgreSQL advisory lock that serialises sealing (any constant the portal does not use
# elsewhere).
VERROU_SCELLEMENT = 0x4A4F55524E414C  # "JOURNAL"


def empreinte(evenement, rang, precedente):
    """The fingerprint of ``evenement`` at ``rang`` after the event of fingerprint
    ``precedente``. Every field goes in, in a fixed order, with its type."""
    type_objet = evenement.content_type
    date = evenement.date.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    contenu = json.dumps(
        [
            rang,
            precedente,
            f"{type_objet.app_label}.{type_objet.model}",
            evenement.object_id,
            date,
            evenement.acteur_id,
            evenement.action,
            evenement.libelle,
            evenement.etat_avant,
            evenement.etat_apres,
            evenement.commentaire,
            evenement.interne,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    cle = settings.JOURNAL_CLE.encode()
    return hmac.new(cle, contenu.encode(), hashlib.sha256).hexdigest()


def _verrouiller():
    if connection.vendor == "postgresql":
        with connection.cursor() as curseur:
            curseur.execute("SELECT pg_advisory_xact_lock(%s)", [VERROU_SCELLEMENT])


def sceller():
    """Chain every event not sealed yet after the last sealed one; returns how many."""
    with transaction.atomic():
        _verrouiller()
        dernier = (
            Evenement.objects.filter(rang__isnull=False)
            .order_by("-rang")
            .values_list("rang", "empreinte")
            .first()
        )
        rang, precedente = dernier or (0, ORIGINE)
        en_attente = list(
            Evenement.objects.filter(rang__isnull=True).order_by("id").values_list("id", flat=True)
        )
        for debut in range(0, len(en_attente), LOT):
            lot = Evenement.objects.select_related("content_type").in_bulk(
                en_attente[debut : debut + LOT]
            )
            a_ecrire = []
            for pk in en_attente[debut : debut + LOT]:
                evenement = lot[pk]
                rang += 1
                evenement.rang = rang
                evenement.empreinte_precedente = precedente
                evenement.empreinte = precedente = empreinte(evenement, rang, precedente)
                a_ecrire.append(evenement)
            _ecrire_sceaux(a_ecrire)
        return len(en_attente)


def _ecrire_sceaux(evenements):
    if connection.vendor != "postgresql":
        Evenement.objects.bulk_update(
            evenements, ["rang", "empreinte_precedente", "empreinte"], batch_size=500
        )
        return
    # One statement per batch (bulk_update's CASE over 2 000 rows is ten times slower).
    with connection.cursor() as curseur:
        curseur.execute(
            "UPDATE journal_evenement AS e "
            "SET rang = s.rang, empreinte_precedente = s.precedente, empreinte = s.empreinte "
            "FROM (SELECT unnest(%s::bigint[]) AS id, unnest(%s::bigint[]) AS rang, "
            "unnest(%s::text[]) AS precedente, unnest(%s::text[]) AS empreinte) AS s "
            "WHERE e.id = s.id",
            [
                [e.pk for e in evenements],
                [e.rang for e in evenements],
                [e.empreinte_precedente for e in evenements],
                [e.empreinte for e in evenements],
            ],
        )


def _sceller_sans_echec():
    try:
        sceller()
    except Exception:  # the sweep will seal them; the user's action has succeeded
        logger.exception("Scellement du journal reporté au prochain balayage")


def sceller_apres_validation():
    """Seal the events of the current transaction once it commits (at once in autocommit)."""
    transaction.on_commit(_sceller_sans_echec)


@dataclass
class Verification:
    """What ``verifier`` found: the chain's length and head, and the first broken link."""

    scelles: int = 0
    non_scelles: int = 0
    tete: str = ORIGINE
    rupture: str = ""
    evenement: Evenement | None = field(default=None, repr=False)

    @property
    def integre(self):
        return not self.rupture


def verifier():
    """Recompute the chain from the first event; stop at the first broken link."""
    rapport = Verification(non_scelles=Evenement.objects.filter(rang__isnull=True).count())
    attendu_rang, precedente = 1, ORIGINE
    evenements = (
        Evenement.objects.filter(rang__isnull=False).select_related("content_type").order_by("rang")
    )
    for evenement in evenements.iterator(chunk_size=LOT):
        if evenement.rang != attendu_rang:
            manquants = (
                f"{attendu_rang}"
                if evenement.rang == attendu_rang + 1
                else f"{attendu_rang} à {evenement.rang - 1}"
            )
            return _rompu(
                rapport, evenement, f"événement(s) de rang {manquants} manquant(s) avant lui"
            )
        if evenement.empreinte_precedente != precedente:
            return _rompu(
                rapport,
                evenement,
                "son empreinte précédente ne correspond pas à l'événement de rang "
                f"{attendu_rang - 1}",
            )
        if not hmac.compare_digest(
            evenement.empreinte, empreinte(evenement, evenement.rang, precedente)
        ):
            return _rompu(rapport, evenement, "son contenu a été modifié après scellement")
        precedente = evenement.empreinte
        attendu_rang += 1
        rapport.scelles += 1
    rapport.tete = precedente
    return rapport


def _rompu(rapport, evenement, raison):
    rapport.evenement = evenement
    date = timezone.localtime(evenement.date)
    rapport.rupture = (
        f"Maillon rompu au rang {evenement.rang} (événement n° {evenement.pk} du "
        f"{date:%d/%m/%Y %H:%M:%S}, « {evenement.libelle} ») : {raison}."
    )
    return rapport

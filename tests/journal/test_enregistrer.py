"""An event whose state does not fit its column is refused on every base, with the field's
name: PostgreSQL refuses it, SQLite would store it, so the quick tests catch it too."""

import pytest

from journal.models import Evenement, enregistrer
from tests.factories import CandidatureFactory

pytestmark = pytest.mark.django_db


def test_a_state_longer_than_its_column_is_refused_and_nothing_is_written():
    cand = CandidatureFactory()
    with pytest.raises(ValueError, match="« etat_apres » dépasse 30 caractères"):
        enregistrer(cand, cand.cree_par, "coporteur", "Collectivité invitée", "", "x" * 31)
    assert not Evenement.objects.pour(cand).exists()
    enregistrer(cand, cand.cree_par, "coporteur", "Collectivité invitée", "", "x" * 30)
    assert Evenement.objects.pour(cand).get().etat_apres == "x" * 30

"""The people of a collectivité follow the accounts' retention: an account nobody has used for
three years is anonymised, its name leaves the file's co-porteurs, what it did stays."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from comptes.models import User
from journal.models import enregistrer
from tests.donnees_personnelles.test_anonymisation_et_export import anonymiser
from tests.factories import CandidatureFactory, UserFactory, coporteur

pytestmark = pytest.mark.django_db


def test_inactive_collectivite_member_is_anonymised_and_leaves_the_files_page(client):
    cand = CandidatureFactory(titre="Centre d'Albert")
    ancien = coporteur(cand, UserFactory(collectivite=True, first_name="Odile", last_name="Élue"))
    recente = coporteur(
        cand,
        UserFactory(
            collectivite=True,
            organisation=ancien.organisation,
            first_name="Nadia",
            last_name="Présente",
        ),
    )
    enregistrer(cand, ancien, "coporteur", "Rubrique complétée par la collectivité")
    il_y_a_4_ans = timezone.now() - datetime.timedelta(days=4 * 365)
    User.objects.filter(pk=ancien.pk).update(last_login=il_y_a_4_ans, date_joined=il_y_a_4_ans)
    User.objects.filter(pk=recente.pk).update(last_login=timezone.now())

    assert "Comptes inactifs : désactivés et anonymisés : 1" in anonymiser()

    ancien.refresh_from_db()
    assert not ancien.is_active and str(ancien) == "Compte anonymisé"
    client.force_login(UserFactory(organisation=cand.service))
    page = client.get(reverse("candidatures:detail", args=[cand.pk])).content.decode()
    assert "Nadia Présente" in page and "Élue" not in page
    # Its action stays in the timeline, under « Compte anonymisé » and its collectivité.
    assert "Rubrique complétée par la collectivité" in page and "Compte anonymisé" in page

"""An accord-cadre in force with three titulaires, ranked Ourcq, Ville Ouverte, POLAU."""

import pytest

from tests.factories import TitulaireFactory, UserFactory, accord_en_vigueur


@pytest.fixture
def instructeur():
    return UserFactory(instructeur=True)


@pytest.fixture
def accord():
    accord = accord_en_vigueur()
    for rang, nom in enumerate(["Ourcq", "Ville Ouverte", "POLAU"], start=1):
        TitulaireFactory(accord_cadre=accord, rang=rang, nom=nom)
    return accord

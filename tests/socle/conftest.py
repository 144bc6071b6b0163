"""The atelier and its people (as in the bons' tests), for the pages the socle's checks open."""

from tests.commandes.conftest import agent, atelier, titulaire_user  # noqa: F401

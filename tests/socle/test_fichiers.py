"""The checks every upload goes through (socle.fichiers): the names they keep."""

from types import SimpleNamespace

from socle.fichiers import nom_original


def test_a_long_name_is_shortened_before_its_extension():
    def nom(nom_donne):
        return nom_original(SimpleNamespace(name=nom_donne))

    assert nom("x" * 300 + ".pdf") == "x" * 196 + ".pdf"
    assert nom("rapport final.PDF") == "rapport_final.PDF"
    assert nom("../../etc/" + "é" * 250 + ".odt") == "é" * 196 + ".odt"
    # No extension worth the name: cut at the limit.
    assert nom("x" * 250 + "." + "y" * 20) == "x" * 200

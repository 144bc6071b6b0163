"""The INSTREAM client against the real clamd."""

import io

import pytest

from antivirus import clamd as client

from .eicar import EICAR, SIGNATURE

pytestmark = pytest.mark.clamav


def test_clamd_answers_ping(clamd):
    assert client.ping(clamd)


def test_a_clean_stream_is_clean(clamd):
    verdict = client.analyser(io.BytesIO(b"Compte rendu de l'atelier.\n" * 100), clamd)
    assert verdict.sain
    assert verdict.signature == ""


def test_the_eicar_file_is_found_with_its_signature(clamd):
    verdict = client.analyser(io.BytesIO(EICAR), clamd)
    assert not verdict.sain
    assert verdict.signature == SIGNATURE


def test_a_virus_after_many_chunks_is_found(clamd):
    # Several INSTREAM chunks: the signature sits in the last one.
    flux = io.BytesIO(b"\0" * (client.TAILLE_BLOC * 3 + 123) + EICAR)
    assert client.analyser(flux, clamd).signature == SIGNATURE


def test_the_unix_scheme_is_accepted(clamd):
    assert client.analyser(io.BytesIO(EICAR), f"unix://{clamd}").signature == SIGNATURE


@pytest.mark.parametrize("adresse", ["/nulle/part/clamd.sock", "tcp://127.0.0.1:1", "tcp://x"])
def test_an_unreachable_clamd_gives_no_verdict(adresse):
    assert not client.ping(adresse)
    with pytest.raises(client.ClamdIndisponible):
        client.analyser(io.BytesIO(EICAR), adresse)

"""A real ClamAV daemon for the antivirus tests, on a one-line test signature database.

The machine cannot download ClamAV's signatures (no freshclam): the database holds only the
EICAR test string, which is all the tests need. `make test` installs Debian's clamav-daemon
(scripts/installer-clamav.sh); without it these tests are skipped locally and fail in CI.
"""

import os
import shutil
import subprocess
import time

import pytest

from antivirus import clamd as client

# The atelier of the livrables tests, with a member of its titulaire.
from tests.commandes.conftest import atelier, titulaire_user  # noqa: F401

CLAMD = os.environ.get("CLAMD_PATH", "/usr/sbin/clamd")
SIGNATURE_DE_TEST = "EICAR-STANDARD-ANTIVIRUS-TEST-FILE"


@pytest.fixture(scope="session")
def clamd(tmp_path_factory):
    """The address of a clamd started for the session (a unix socket), stopped at the end."""
    if not shutil.which(CLAMD):
        if os.environ.get("CI"):
            pytest.fail(f"clamd introuvable ({CLAMD}) : `make test` doit installer ClamAV")
        pytest.skip(f"clamd introuvable ({CLAMD})")
    dossier = tmp_path_factory.mktemp("clamd")
    (dossier / "test.ndb").write_text(f"Eicar-Test-NDB:0:*:{SIGNATURE_DE_TEST.encode().hex()}\n")
    socket = dossier / "clamd.sock"
    configuration = dossier / "clamd.conf"
    configuration.write_text(
        "\n".join(
            [
                "Foreground yes",
                f"LocalSocket {socket}",
                f"DatabaseDirectory {dossier}",
                f"PidFile {dossier / 'clamd.pid'}",
                "StreamMaxLength 100M",
                "",
            ]
        )
    )
    journal = open(dossier / "clamd.log", "wb")  # noqa: SIM115 (closed below)
    processus = subprocess.Popen(
        [CLAMD, "-c", str(configuration)], stdout=journal, stderr=subprocess.STDOUT
    )
    try:
        limite = time.monotonic() + 60
        while not client.ping(str(socket)):
            if processus.poll() is not None or time.monotonic() > limite:
                pytest.fail(
                    "clamd n'a pas démarré :\n" + (dossier / "clamd.log").read_text()[-2000:]
                )
            time.sleep(0.2)
        yield str(socket)
    finally:
        processus.terminate()
        try:
            processus.wait(timeout=10)
        except subprocess.TimeoutExpired:
            processus.kill()
            processus.wait()
        journal.close()


@pytest.fixture
def antivirus(settings, clamd):
    """Uploads of the test are scanned by the session's clamd."""
    settings.CLAMD_SOCKET = clamd
    return clamd

"""The log says a library's repeated warning once (WeasyPrint warns at every PDF when the
HarfBuzz subset library is missing), and a real problem still shows."""

import logging
import uuid


def test_weasyprint_s_same_warning_is_logged_once_per_process(caplog):
    journal = logging.getLogger("weasyprint")
    police = f"Marianne-{uuid.uuid4()}"  # a message no earlier test of this process logged
    for _ in range(3):
        journal.warning("Using fontTools instead of HarfBuzz-Subset for font %r", police)
    journal.error("Failed to load image at %s", f"{police}.png")

    messages = [r.getMessage() for r in caplog.records if r.name == "weasyprint"]
    assert messages == [
        f"Using fontTools instead of HarfBuzz-Subset for font '{police}'",
        f"Failed to load image at {police}.png",
    ]

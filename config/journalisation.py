"""The portal's logging settings (``LOGGING``), and the filter they use."""

import logging


class UneFoisParMessage(logging.Filter):
    """Let each distinct message through once per process: a library that warns about the
    same missing piece at every call says it once."""

    def __init__(self, name=""):
        super().__init__(name)
        self.deja_vus = set()

    def filter(self, record):
        cle = (record.levelno, record.getMessage())
        if cle in self.deja_vus:
            return False
        self.deja_vus.add(cle)
        return True


def reglages(niveau, taches_en_ligne):
    """``LOGGING`` at ``niveau``; ``taches_en_ligne``: Celery runs tasks in-process (no
    broker, the demo)."""
    loggers = {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint narrates every rendering step at INFO, and without the HarfBuzz subset
        # library repeats the same warning for every PDF: once per process is enough.
        "weasyprint": {"level": "WARNING", "filters": ["une_fois"]},
        # django-axes narrates every login at INFO; lockouts are warnings.
        "axes": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # pikepdf (the PDF checks of uploads) announces its logger bridge at INFO.
        "pikepdf": {"level": "WARNING"},
        # runserver already prints « Watching for file changes » itself.
        "django.utils.autoreload": {"level": "WARNING"},
    }
    if taches_en_ligne:
        # In-process tasks would narrate each run (« Task … succeeded in 0.002s »); a
        # worker's own log keeps these lines. And Celery's eager `delay()` still builds a
        # producer on the default broker address, never connected, for which kombu warns
        # « No hostname was supplied »: no broker is used, so nothing to warn about.
        loggers["celery.app.trace"] = {"level": "WARNING"}
        loggers["kombu.connection"] = {"level": "ERROR"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "simple": {"format": "{levelname} {asctime} {name} {message}", "style": "{"}
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "simple"}},
        "filters": {"une_fois": {"()": UneFoisParMessage}},
        "root": {"handlers": ["console"], "level": niveau},
        "loggers": loggers,
    }

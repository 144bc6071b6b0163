"""Settings, twelve-factor: every deployment value comes from the environment.

With nothing set, the portal runs as a laptop demo: SQLite file, Celery tasks run eagerly
in-process, e-mails printed on the console, uploads in ``var/media``. Production sets the
variables documented in ``.env.example`` and the README.
"""

import datetime
from pathlib import Path

import environ
from celery.schedules import crontab

from config import journalisation

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is a convenience for developers; real deployments use the environment.
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
# The fallback key is only good for the demo and the tests; `check --deploy` flags it.
SECRET_KEY = env.str(
    "SECRET_KEY", default="django-insecure-demo-key-change-me-in-production-0123456789"
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Public URL of the portal, used in e-mails (links sent outside a request).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# The apps whose models DGALN administrators manage in the admin (comptes.roles), bottom floor up.
APPS_METIER = [
    "referentiels",
    "comptes",
    "journal",
    "antivirus",  # the ClamAV scan of every upload (clamd)
    "notifications",
    "documents",
    "exports",  # filtered lists as CSV/XLSX files, large ones through the queue
    "donnees_personnelles",  # retention, anonymisation, subject-access export (registry)
    "workflow",  # each stateful object's table of transitions
    "marches",
    "candidatures",
    "ateliers",
    "commandes",
    "livrables",
    "bilans",  # the bilan of a closed atelier and what it led to (« Et après ? »)
    "annuaire",
    "catalogue",  # public: the ateliers réalisés, open data
    "historique",  # the programme's past ateliers, imported from a CSV file
    "pilotage",  # the DGALN's dashboard
]

INSTALLED_APPS = [
    "socle.administration_site.AdministrationConfig",  # django.contrib.admin, its menu kept
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "widget_tweaks",
    "dsfr",
    "django_filters",
    "django_htmx",
    # django-axes (login attempts and lockouts) and django-otp's TOTP plugin (the optional
    # second factor of DGALN staff), under French names in the admin.
    "comptes.applications_securite.SecuriteDesConnexionsConfig",
    "django_otp",
    "comptes.applications_securite.DoubleAuthentificationConfig",
    "socle",  # the ground floor: mechanisms shared by every app
    *APPS_METIER,
    "demo",  # the demo's data (manage.py charger_demo), for make run and the browser tests
    "portail",  # the shell on top: public pages, role home pages
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",  # config/securite.py
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Cache-Control: no-store, private on every signed-in page and private download.
    "socle.cache.PagesPriveesNonConservees",
    "django.contrib.messages.middleware.MessageMiddleware",
    "comptes.middleware.DoubleFacteurObligatoire",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After CSP: a session opened by ProConnect may post its logout form towards ProConnect.
    "comptes.proconnect.DeconnexionAutorisee",
    # Last, as django-axes asks: it turns a lockout raised by the backend into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portail.context_processors.portail",
            ],
        },
    },
]
FORM_RENDERER = "dsfr.forms.DsfrDjangoTemplates"
# As the DSFR now asks: mark optional fields ("(Facultatif)"), not required ones.
DSFR_MARK_OPTIONAL_FIELDS = True

WSGI_APPLICATION = "config.wsgi.application"

# --- Database -------------------------------------------------------------------------------
# The demo's SQLite file (and default uploads) live in var/, kept out of git.
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# "default", shared (Redis in production, else each process's memory): sessions, the
# signed-in person, the badge, versions. "local", each process's: what a shared version keys.
CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "local"},
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users ----------------------------------------------------------------------------------
AUTH_USER_MODEL = "comptes.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "tableau_de_bord"
LOGOUT_REDIRECT_URL = "accueil_public"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out attempt before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "comptes.proconnect.ProConnectBackend",  # State agents, when PROCONNECT_* are set
    # Django's ModelBackend, reading the signed-in person from the cache (comptes/backends.py).
    "comptes.backends.MotDePasseBackend",
]
from config.proconnect import *  # noqa: E402, F403

PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3 * 3600)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=10 * 3600)
# Sessions are read from the cache and written through to the database: a signed-in page
# costs no query for its session, and a session outlives a cache flush.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Brute force: after CONNEXION_ECHECS_MAX wrong passwords for one address from one IP
# address, that pair is refused for CONNEXION_BLOCAGE_MINUTES (django-axes, comptes/securite.py).
AXES_FAILURE_LIMIT = env.int("CONNEXION_ECHECS_MAX", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("CONNEXION_BLOCAGE_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "comptes.securite.connexion_bloquee"
AXES_USERNAME_CALLABLE = "comptes.securite.identifiant_tente"
AXES_CLIENT_IP_CALLABLE = "comptes.securite.adresse_ip"
# The optional second factor (TOTP) of DGALN staff: the name shown in authenticator apps.
OTP_TOTP_ISSUER = "Ateliers Flash"
# An administrator resets a colleague's device but never reads its secret key or QR code
# (which would let them make that person's codes).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# On, an administrateur must have a second factor (TOTP, or one that ProConnect vouches for)
# before any page: the production example turns it on (.env.example, docker-compose.yml).
DOUBLE_FACTEUR_ADMINISTRATEURS = env.bool("DOUBLE_FACTEUR_ADMINISTRATEURS", default=False)

# --- Language and formats -------------------------------------------------------------------
LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

# --- Static files and uploads ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
# npm packages of package-lock.json (scripts/installer-front.sh), served as our own static files.
DSFR_CHART_DIR = BASE_DIR / "node_modules" / "@gouvfr" / "dsfr-chart" / "dist"
GRAPHIQUES_DISPONIBLES = (DSFR_CHART_DIR / "DSFRChart" / "DSFRChart.js").is_file()
if GRAPHIQUES_DISPONIBLES:
    STATICFILES_DIRS.append(("dsfr-chart", DSFR_CHART_DIR))
# The DSFR is served from our static storage, whose manifest rewrites the url()s inside its CSS:
# django-dsfr's integrity hashes (of the original files) would make browsers refuse them.
DSFR_USE_INTEGRITY_CHECKSUMS = False
# Uploads are private: no MEDIA_URL; every download goes through a view that checks permission.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
UPLOAD_MAX_SIZE_MB = env.int("UPLOAD_MAX_SIZE_MB", default=20)
# A zip livrable is inflated to refuse zip bombs: at most this many entries, this many MB
# unpacked, and this many times its own size (counted as the entries really inflate).
FICHIERS_ZIP_ENTREES_MAX = env.int("FICHIERS_ZIP_ENTREES_MAX", default=2000)
FICHIERS_ZIP_TAILLE_DEPLIEE_MAX_MB = env.int("FICHIERS_ZIP_TAILLE_DEPLIEE_MAX_MB", default=2048)
FICHIERS_ZIP_RATIO_MAX = env.int("FICHIERS_ZIP_RATIO_MAX", default=100)
# Every upload is scanned by ClamAV through clamd: a unix socket path or tcp://host:port.
# Unset (the laptop demo), files are not scanned and `check --deploy` says so.
CLAMD_SOCKET = env.str("CLAMD_SOCKET", default="")
# The sweep re-queues files still "en analyse" after this (s; clamd or broker down); its period.
ANTIVIRUS_DELAI_BALAYAGE = env.int("ANTIVIRUS_DELAI_BALAYAGE", default=300)

AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    # S3-compatible object storage (Scaleway, OVH, Outscale, MinIO…), private objects with
    # short-lived signed URLs never handed out directly: views stream the file.
    default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "access_key": env.str("AWS_ACCESS_KEY_ID", default=""),
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    default_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": None},
    }
STORAGES = {
    "default": default_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- E-mail ---------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Ateliers Flash <ne-pas-repondre@ateliers-flash.gouv.fr>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery ---------------------------------------------------------------------------------
# Unset (the demo): no broker at all, tasks run in-process once the transaction commits.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="atelier-flash")
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- Security (headers, HTTPS, CSP, ProConnect): config/securite.py ----------------------
from config.securite import *  # noqa: E402, F403

# --- Programme settings ---------------------------------------------------------------------
# Where the référentiel import looks by default: the small real sample shipped for the demo.
REFERENTIEL_SAMPLE_DIR = BASE_DIR / "referentiels" / "data" / "echantillon"

LOGGING = journalisation.reglages(
    env.str("LOG_LEVEL", default="INFO"), taches_en_ligne=CELERY_TASK_ALWAYS_EAGER
)

# The Marianne block of the header and footer (the ministry's name changes with governments).
# The DGALN's bureau that runs the programme: letterheads of its documents (the demo names its
# DGALN organisation after it, so that letterhead and signature agree).
BUREAU_DU_PROGRAMME = env.str(
    "BUREAU_DU_PROGRAMME", default="Bureau des stratégies territoriales (AD1)"
)
MARIANNE_MINISTERE = env.str(
    "MARIANNE_MINISTERE",
    default="Ministère<br>de l'Aménagement<br>du territoire<br>et de la Transition<br>écologique",
)

# The programme's yearly target of selected candidatures (about 30 a year).
OBJECTIF_ANNUEL_SELECTIONS = env.int("OBJECTIF_ANNUEL_SELECTIONS", default=30)
# The dashboard lists open files and ateliers whose journal has been silent this long.
PILOTAGE_SEMAINES_SANS_EVENEMENT = env.int("PILOTAGE_SEMAINES_SANS_EVENEMENT", default=6)

# --- Generated documents (PDF) --------------------------------------------------------------
# Attempts before a document shows "échec"; the first retry waits DOCUMENTS_DELAI_RELANCE
# seconds, each next one four times longer.
DOCUMENTS_TENTATIVES_MAX = env.int("DOCUMENTS_TENTATIVES_MAX", default=3)
DOCUMENTS_DELAI_RELANCE = env.int("DOCUMENTS_DELAI_RELANCE", default=30)
# The sweep re-queues documents waiting for longer than this (seconds), and renders that
# started longer than DOCUMENTS_DUREE_MAX_RENDU ago (a worker killed mid-render).
DOCUMENTS_DELAI_BALAYAGE = env.int("DOCUMENTS_DELAI_BALAYAGE", default=300)
DOCUMENTS_DUREE_MAX_RENDU = env.int("DOCUMENTS_DUREE_MAX_RENDU", default=600)

# --- Exports of the lists (CSV, XLSX) -------------------------------------------------------
# Up to this many rows the file is sent at once; a larger export is prepared in the Celery
# queue and the person is notified when it is ready.
EXPORT_SEUIL_SYNCHRONE = env.int("EXPORT_SEUIL_SYNCHRONE", default=1000)
# The public catalogue keeps its counters, map and open-data files this long at most (it
# also recomputes them as soon as an atelier changes: catalogue/memoire.py).
CATALOGUE_CACHE_SECONDES = env.int("CATALOGUE_CACHE_SECONDES", default=600)
# /reference/: the base template alone, the benchmark's yardstick (off: a 404).
PAGE_DE_REFERENCE = env.bool("PAGE_DE_REFERENCE", default=False)
# The sweep re-queues exports waiting for longer than this (seconds); also its period.
EXPORT_DELAI_BALAYAGE = env.int("EXPORT_DELAI_BALAYAGE", default=300)

# --- Audit journal --------------------------------------------------------------------------
# The key of the journal's fingerprints (HMAC-SHA256, journal/chaine.py). Keep it outside the
# database (and apart from SECRET_KEY, which may rotate): whoever can write to the database
# cannot then forge a consistent chain. Changing it makes the existing chain unverifiable.
JOURNAL_CLE = env.str("JOURNAL_CLE", default="")
# The sweep seals events left unsealed (seconds between two sweeps).
JOURNAL_DELAI_SCELLEMENT = env.int("JOURNAL_DELAI_SCELLEMENT", default=300)

# --- Notifications and accounts -------------------------------------------------------------
# Immediate e-mails still unsent after this many seconds (broker down) are queued again.
NOTIFICATIONS_DELAI_BALAYAGE = env.int("NOTIFICATIONS_DELAI_BALAYAGE", default=300)
# Local hour at which the daily digest leaves.
NOTIFICATIONS_HEURE_RESUME = env.int("NOTIFICATIONS_HEURE_RESUME", default=7)
# How long an invitation link, and an e-mail change confirmation link, stay valid (hours).
INVITATION_DUREE_VALIDITE = env.int("INVITATION_DUREE_VALIDITE", default=7 * 24)
CHANGEMENT_EMAIL_DUREE_VALIDITE = env.int("CHANGEMENT_EMAIL_DUREE_VALIDITE", default=48)

# --- Personal data: how long each kind of record keeps them ---------------------------------
# `manage.py anonymiser_donnees` (daily in Celery beat) anonymises or deletes what is older;
# the inventory and the reasons for each duration are in docs/donnees-personnelles.md.
# Contacts of an atelier's file (référents, people invited on site), years after its closure.
CONSERVATION_ATELIERS_CLOTURES_ANS = env.int("CONSERVATION_ATELIERS_CLOTURES_ANS", default=5)
# Contacts of a file that ended without an atelier (opportunité déclinée, non éligible,
# classée sans suite), years after that decision.
CONSERVATION_CANDIDATURES_NON_RETENUES_ANS = env.int(
    "CONSERVATION_CANDIDATURES_NON_RETENUES_ANS", default=2
)
# Accounts with no login (nor reactivation or move) for this many years are deactivated and
# anonymised; never deleted, the audit journal names them.
CONSERVATION_COMPTES_INACTIFS_ANS = env.int("CONSERVATION_COMPTES_INACTIFS_ANS", default=3)
# Large exports (file and record), days after they were asked for.
CONSERVATION_EXPORTS_JOURS = env.int("CONSERVATION_EXPORTS_JOURS", default=30)
# Notifications, days after they were read.
CONSERVATION_NOTIFICATIONS_LUES_JOURS = env.int(
    "CONSERVATION_NOTIFICATIONS_LUES_JOURS", default=365
)
# Invitations never accepted, days after they expired or were cancelled.
CONSERVATION_INVITATIONS_JOURS = env.int("CONSERVATION_INVITATIONS_JOURS", default=180)

CELERY_BEAT_SCHEDULE = {
    "sceller-journal": {
        "task": "journal.tasks.sceller_journal",
        "schedule": JOURNAL_DELAI_SCELLEMENT,
    },
    "balayer-documents": {
        "task": "documents.tasks.balayer_documents",
        "schedule": DOCUMENTS_DELAI_BALAYAGE,
    },
    "balayer-exports": {
        "task": "exports.tasks.balayer_exports",
        "schedule": EXPORT_DELAI_BALAYAGE,
    },
    "relancer-emails": {
        "task": "notifications.tasks.relancer_emails",
        "schedule": NOTIFICATIONS_DELAI_BALAYAGE,
    },
    "balayer-analyses": {
        "task": "antivirus.tasks.balayer_analyses",
        "schedule": ANTIVIRUS_DELAI_BALAYAGE,
    },
    "envoyer-resumes": {
        "task": "notifications.tasks.envoyer_resumes",
        "schedule": crontab(hour=NOTIFICATIONS_HEURE_RESUME, minute=0),
    },
    # The bilans not answered two weeks after the closure, « Et après ? » at 6 and 12 months.
    "bilans-du-jour": {
        "task": "bilans.tasks.relancer_et_demander",
        "schedule": crontab(hour=8, minute=30),
    },
    # Personal data past their retention (the CONSERVATION_* settings), at night.
    "anonymiser-donnees": {
        "task": "donnees_personnelles.tasks.anonymiser_donnees",
        "schedule": crontab(hour=3, minute=30),
    },
}

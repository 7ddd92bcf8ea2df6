"""Settings for the Smes Housing First application.

Everything comes from the environment (django-environ) with safe development
defaults; outside DEBUG, a missing SECRET_KEY or ALLOWED_HOSTS fails loudly.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from smes.clientip import axes_address_settings

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False) if (BASE_DIR / ".env").exists() else None

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-change-me-0123456789abcdefghijklmnop")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
else:
    try:
        SECRET_KEY = env.str("SECRET_KEY")
        ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
    except ImproperlyConfigured as exc:
        raise ImproperlyConfigured(
            f"{exc}. With DEBUG off, SECRET_KEY and ALLOWED_HOSTS must be set (see .env.example)."
        ) from None
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "import_export",
    "axes",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "smes",
    "tenants",
    "housing",
    "harmreduction",
    "reports",
    "intake",
    "records",
    "sampledata",
    "chapter",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "smes.middleware.RejectNulBytesMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "smes.language.FrenchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "smes.middleware.NoStoreForSignedInMiddleware",
    "smes.middleware.SessionAbsoluteLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "smes.twofactor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "smes.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "smes.context_processors.roles",
            ],
        },
    },
]

WSGI_APPLICATION = "smes.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
else:
    # The report's covering indexes (INCLUDE columns) are PostgreSQL's; on
    # the SQLite first-run default they are plain indexes, which is fine.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Idle session timeout: the cookie is renewed at every request and expires
# after SESSION_IDLE_MINUTES without one.
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Absolute lifetime (ASVS 7.3.2): a session ends this many hours after the
# login however busy it is (smes.middleware.SessionAbsoluteLifetimeMiddleware).
SESSION_ABSOLUTE_LIFETIME = env.float("SESSION_ABSOLUTE_LIFETIME", default=12)

# Login hardening (django-axes): failures count per (account, client address)
# together, with a cool-off so that a lock never lasts forever (see
# PITFALLS.md). A failure on account X from address A never locks account Y,
# nor X from address B: nobody can lock the team out by typing wrong
# passwords, at the price of FAILURE_LIMIT guesses per account per address
# per cool-off (passwords of 12+ characters, TOTP for Direction and Admin).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# The address that counts is the socket's, unless a reverse proxy we trust
# sets X-Forwarded-For: otherwise anyone could dodge the per-address lock by
# sending that header, or (behind a proxy) every user would share one address.
# django-ipware reads the header; smes/clientip.py explains the count.
AXES_BEHIND_PROXY = env.bool("AXES_BEHIND_PROXY", default=False)
_address = axes_address_settings(behind_proxy=AXES_BEHIND_PROXY, proxy_count=env.int("AXES_PROXY_COUNT", default=1))
AXES_IPWARE_META_PRECEDENCE_ORDER = _address["AXES_IPWARE_META_PRECEDENCE_ORDER"]
AXES_IPWARE_PROXY_COUNT = _address["AXES_IPWARE_PROXY_COUNT"]
AXES_IPWARE_PROXY_ORDER = _address["AXES_IPWARE_PROXY_ORDER"]
IPWARE_STRICT = _address["IPWARE_STRICT"]

# Second factor (django-otp TOTP): optional for everyone; with REQUIRE_2FA the
# roles below must enrol and verify before any page (smes.twofactor.SecondFactorMiddleware).
REQUIRE_2FA = env.bool("REQUIRE_2FA", default=False)
REQUIRE_2FA_ROLES = ["Direction", "Admin"]
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Smes Housing First")

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates day/month/year, as in Belgium (smes/formats/en/formats.py).
FORMAT_MODULE_PATH = ["smes.formats"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Content Security Policy (django-csp 4): everything from this site only, no
# inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# django-import-export: validate every row and roll back on any error
# (PITFALLS.md: the defaults write partial imports), neutralise formulae.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# Team view: a tenant not met for this many days shows on the home page.
NOT_SEEN_DAYS = env.int("NOT_SEEN_DAYS", default=21)

# Every module logs through logging.getLogger(__name__): refused accesses
# (smes.roles.refuse), refused imports (the interchange engine), unexpected
# errors (django.request logs each 500 with its traceback). Ids and counts
# only, never a name or health data. All of it goes to the console (stderr),
# where the process manager (systemd, docker) keeps it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# A revert from the admin would bypass the service rules; the history is
# read-only there (changes go through the app's forms).
SIMPLE_HISTORY_REVERT_DISABLED = True

# The test run (smes/testenv.py) hashes passwords fast; never set in production.
if env.bool("TEST_FAST_PASSWORD_HASHER", default=False):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

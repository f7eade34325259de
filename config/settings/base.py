"""Settings shared by every environment. Values come from the environment (see config/env.py)."""

from pathlib import Path
from typing import Literal

import django_stubs_ext
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import (
    cache_from_env,
    database_from_env,
    env_audit_keys,
    env_bool,
    env_fernet_keys,
    env_int,
    env_secret,
    env_str,
)

# Django's generic classes (ModelForm[Model], ModelChoiceField[Model], ...) as the annotations use
# them: subscriptable at run time, before any app is imported.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
ALLOW_DEMO_DATA = False

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django.contrib.humanize",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "pokpong.core",
    "pokpong.places",
    "pokpong.accounts",
    "pokpong.cases",
    "pokpong.referrals",
    "pokpong.people",
    "pokpong.matching",
    "pokpong.prevention",
    "pokpong.training",
    "pokpong.justice",
    "pokpong.livelihoods",
    "pokpong.programme",
    "pokpong.monitoring",
    "pokpong.api",
    "pokpong.exchange",
    "pokpong.imports",
    "pokpong.desk",
    "pokpong.demo",
    "pokpong.offline",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses the pages (whitenoise serves static files already compressed, above it); below
    # nothing reads or rewrites a response body. Django's GZip mitigates BREACH (random padding).
    "django.middleware.gzip.GZipMiddleware",
    "pokpong.core.web_security.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pokpong.core.web_security.SessionLifetimeMiddleware",
    "pokpong.core.web_security.SubmittedFormMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "pokpong.core.middleware.UserLanguageMiddleware",
    "pokpong.core.web_security.RequestSizeLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pokpong.desk.middleware.FriendlyNotFoundMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "pokpong.core.middleware.AuditContextMiddleware",
    "pokpong.accounts.middleware.AccountSafetyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "pokpong.desk.context_processors.navigation",
                "pokpong.core.context_processors.drafts",
            ],
        },
    },
]

DATABASES = {"default": database_from_env(default_sqlite=BASE_DIR / "var" / "pokpong.sqlite3")}
# Rate limits and "this two-factor code was used already" live in the cache: in production it
# must be shared by every worker (production.py defaults to the database cache).
CACHES = {"default": cache_from_env("POKPONG_CACHE_URL", default="locmem://")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out username+address pairs
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "desk:home"

# Sign-in (django-allauth): username or e-mail, no self sign-up, no "remember me"
# (the idle timeout rules).
ACCOUNT_ADAPTER = "pokpong.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_USERNAME_MIN_LENGTH = 3
# Lockout is django-axes' job, per username *and* address: many phones share one carrier address,
# so allauth's own per-address limits are switched off for sign-in.
ACCOUNT_RATE_LIMITS = {"login": False, "login_failed": False}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Two-factor codes: secrets encrypted with the field keys; every form that checks a code is
# guarded (pokpong/accounts/mfa_forms.py): a few guesses a minute per account and per address,
# and the account locked after POKPONG_MFA_LOCKOUT_FAILURES wrong codes from any address
# within the axes cool-off period, until an administrator unlocks it.
MFA_ADAPTER = "pokpong.accounts.mfa.MFAAdapter"
MFA_FORMS = {
    "authenticate": "pokpong.accounts.mfa_forms.GuardedAuthenticateForm",
    "reauthenticate": "pokpong.accounts.mfa_forms.GuardedReauthenticateForm",
    "activate_totp": "pokpong.accounts.mfa_forms.GuardedActivateTOTPForm",
}
MFA_RATE_LIMITS = {"code": "5/m/user,10/m/ip"}
POKPONG_MFA_LOCKOUT_FAILURES = env_int("POKPONG_MFA_LOCKOUT_FAILURES", default=10, minimum=3)
MFA_TOTP_ISSUER = "Pokpong"
MFA_TRUST_ENABLED = False
USERSESSIONS_TRACK_ACTIVITY = True

AXES_FAILURE_LIMIT = env_int("POKPONG_LOCKOUT_FAILURES", default=5, minimum=3)
AXES_COOLOFF_TIME = env_int("POKPONG_LOCKOUT_HOURS", default=24, minimum=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "pokpong.accounts.axes.attempted_login"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# axes keeps the posted form: mask what was typed (a password typed as the login, a code).
AXES_SENSITIVE_PARAMETERS = ["login", "code", "csrfmiddlewaretoken"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SESSION_COOKIE_AGE = env_int("POKPONG_SESSION_IDLE_MINUTES", default=30, minimum=5) * 60
SESSION_SAVE_EVERY_REQUEST = True  # the age is an idle timeout, renewed by each request
# However active, a sign-in ends after this many hours (pokpong.core.web_security).
POKPONG_SESSION_MAX_SECONDS = env_int("POKPONG_SESSION_MAX_HOURS", default=12, minimum=1) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Lao first, English second. Django ships no Lao locale: register it here and in pokpong/formats.
LANG_INFO["lo"] = {"bidi": False, "code": "lo", "name": "Lao", "name_local": "ລາວ"}
LANGUAGE_CODE = "lo"
LANGUAGES = [("lo", _("Lao")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "pokpong_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SECURE = False
LANGUAGE_COOKIE_SAMESITE: Literal["Lax", "Strict", "None", False] = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["pokpong.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("POKPONG_TIME_ZONE", "Asia/Vientiane")

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "media"
# Uploads stay in memory, never spooled unencrypted to the temporary folder: the largest is an
# attachment, and RequestSizeLimitMiddleware refuses a bigger request before it is read.
POKPONG_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = POKPONG_UPLOAD_MAX_BYTES + 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # fields other than files (Django's default, said aloud)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("POKPONG_LOG_LEVEL", "INFO")},
}

# Key of the audit trail's HMAC chain: without it nobody can rewrite the chain to hide an edit.
# After a rotation, POKPONG_AUDIT_KEYS ("1:<old>,5001:<new>") says which key signs which entries
# (docs/operations.md); the two variables exclude each other. Keys are checked when set.
POKPONG_AUDIT_KEY = env_secret("POKPONG_AUDIT_KEY")
POKPONG_AUDIT_KEYS = env_audit_keys("POKPONG_AUDIT_KEYS")
if POKPONG_AUDIT_KEY and POKPONG_AUDIT_KEYS:
    raise ImproperlyConfigured("Set POKPONG_AUDIT_KEY or POKPONG_AUDIT_KEYS, not both.")

# Keys of the field encryption (Fernet, comma-separated, newest first). Separate from the secret
# key and the audit key. `manage.py rotate_field_keys` re-encrypts with the first key.
POKPONG_FIELD_KEYS = env_fernet_keys("POKPONG_FIELD_KEYS")

# Background work (reminders, later imports and exports) runs outside requests: django-tasks with
# its database backend, on SQLite and PostgreSQL alike; `manage.py db_worker` runs the queue.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Hours an export (CTDC, DHIS2, HTCDS) can be downloaded before its file is deleted.
POKPONG_EXPORT_LIFETIME_HOURS = env_int("POKPONG_EXPORT_LIFETIME_HOURS", default=72, minimum=1)
# Hours a receiving organisation has to answer a referral, by urgency.
POKPONG_REFERRAL_RESPONSE_HOURS = {"emergency": 24, "urgent": 72, "routine": 168}
# The address of the site, for links in e-mails and on certificates (required in production).
POKPONG_SITE_URL = env_str("POKPONG_SITE_URL", "http://127.0.0.1:8000")
# Checks of certificate codes per address and hour on the public /verify/ page.
POKPONG_VERIFY_PER_HOUR = env_int("POKPONG_VERIFY_PER_HOUR", default=30, minimum=1)
DEFAULT_FROM_EMAIL = env_str("POKPONG_FROM_EMAIL", "Pokpong <no-reply@pokpong.invalid>")
# Key of the blind index of names (HMAC), separate from the encryption keys: it lets the
# database find spelling variants without holding any readable form of a name.
POKPONG_BLIND_INDEX_KEY = env_secret("POKPONG_BLIND_INDEX_KEY")

# Outbound webhooks (#18). Targets must be https:// and public addresses: a private, loopback or
# link-local target (another machine of the network, this server) is refused unless allowed here
# (a partner's system on a private network; the tests' local receiver). Plain http only in DEBUG.
POKPONG_WEBHOOKS_ALLOW_PRIVATE = env_bool("POKPONG_WEBHOOKS_ALLOW_PRIVATE", default=False)
POKPONG_WEBHOOKS_ALLOW_HTTP = env_bool("POKPONG_WEBHOOKS_ALLOW_HTTP", default=False)
POKPONG_WEBHOOKS_TIMEOUT_SECONDS = env_int(
    "POKPONG_WEBHOOKS_TIMEOUT_SECONDS", default=10, minimum=1
)
# Minutes before each retry of a failed delivery; after the last, the delivery has failed.
POKPONG_WEBHOOKS_RETRY_MINUTES = (1, 5, 30, 120, 720)
# The REST API (pokpong/api, docs/api.md): tokens or the session; the access policy decides;
# one error shape; cursor pagination; a rate per token (POKPONG_API_RATE, e.g. "600/min", or
# the token's own); the OpenAPI schema from drf-spectacular.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "pokpong.api.auth.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "pokpong.api.permissions.PolicyPermission",
    ],
    "DEFAULT_PAGINATION_CLASS": "pokpong.api.pagination.SyncCursorPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "pokpong.api.errors.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["pokpong.api.throttles.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api": env_str("POKPONG_API_RATE", "600/min")},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Pokpong API",
    "DESCRIPTION": "Counter-trafficking case management of Lao PDR. See docs/api.md.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    "COMPONENT_NO_READ_ONLY_REQUIRED": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "pokpong.api.schema.add_error_responses",
    ],
    # One rating scale (good, fair, poor) serves several fields of a follow-up visit.
    "ENUM_NAME_OVERRIDES": {"LevelEnum": "pokpong.referrals.models.Level"},
}

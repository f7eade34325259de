"""Production: every secret from the environment, HTTPS only, no DEBUG, no demo data."""

from django.core.exceptions import ImproperlyConfigured

from config.env import cache_from_env, env_bool, env_int, env_list, env_str

from .base import *

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 random characters.")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
# The keys were checked in base.py when set (length, Fernet form); here they must be set.
if not (POKPONG_AUDIT_KEY or POKPONG_AUDIT_KEYS):
    raise ImproperlyConfigured(
        "Set POKPONG_AUDIT_KEY (at least 32 random characters), or POKPONG_AUDIT_KEYS."
    )
if SECRET_KEY in {POKPONG_AUDIT_KEY, *(key for _start, key in POKPONG_AUDIT_KEYS)}:
    raise ImproperlyConfigured("POKPONG_AUDIT_KEY must not be the secret key.")
if not POKPONG_BLIND_INDEX_KEY:
    raise ImproperlyConfigured("POKPONG_BLIND_INDEX_KEY must be at least 32 random characters.")
if not POKPONG_FIELD_KEYS:
    raise ImproperlyConfigured("Set POKPONG_FIELD_KEYS: the keys that encrypt sensitive fields.")
# One cache for every worker: a two-factor code used on one is refused on all (createcachetable).
CACHES = {"default": cache_from_env("POKPONG_CACHE_URL", default="db://pokpong_cache")}
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]
# Links in e-mails and on certificates: never built from a request's Host header.
POKPONG_SITE_URL = env_str("POKPONG_SITE_URL").rstrip("/")
if not POKPONG_SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("POKPONG_SITE_URL must be the site's https:// address.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("POKPONG_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env_int("POKPONG_HSTS_SECONDS", default=31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = env_str("POKPONG_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

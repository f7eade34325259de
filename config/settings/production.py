"""Production: every secret from the environment, HTTPS only, no DEBUG, no demo data."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

from .base import *

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 random characters.")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
POKPONG_AUDIT_KEY = env_str("POKPONG_AUDIT_KEY")
if len(POKPONG_AUDIT_KEY) < 32 or POKPONG_AUDIT_KEY == SECRET_KEY:
    raise ImproperlyConfigured(
        "POKPONG_AUDIT_KEY must be at least 32 characters and not the secret key."
    )
POKPONG_BLIND_INDEX_KEY = env_str("POKPONG_BLIND_INDEX_KEY")
if len(POKPONG_BLIND_INDEX_KEY) < 32:
    raise ImproperlyConfigured("POKPONG_BLIND_INDEX_KEY must be at least 32 random characters.")
if not POKPONG_FIELD_KEYS:
    raise ImproperlyConfigured("Set POKPONG_FIELD_KEYS: the keys that encrypt sensitive fields.")
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

"""The demo and local development: DEBUG on, embedded SQLite unless DATABASE_URL says otherwise."""

from config.env import env_list, env_str

from .base import *

DEBUG = True
ALLOW_DEMO_DATA = True
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "demo-only-insecure-key-never-use-in-production-6f1c")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
POKPONG_AUDIT_KEY = POKPONG_AUDIT_KEY or ("" if POKPONG_AUDIT_KEYS else "demo-only-audit-key")
# A fixed key for the demo only: demo data is fictitious.
POKPONG_FIELD_KEYS = POKPONG_FIELD_KEYS or ["ZGVtby1vbmx5LWZpZWxkLWtleS1wb2twb25nLTIwMjY="]
POKPONG_BLIND_INDEX_KEY = POKPONG_BLIND_INDEX_KEY or "demo-only-blind-index-key"

"""The test suite: fast hashing, no manifest for static files, demo data allowed."""

from .base import *

ALLOW_DEMO_DATA = True
SECRET_KEY = "test-only-insecure-key-5d7e0b"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Serve static files from the app folders (no collectstatic) for the live server of browser tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
POKPONG_AUDIT_KEY = "test-only-audit-key"
AXES_FAILURE_LIMIT = 5
LOGGING = {**LOGGING, "loggers": {"axes": {"level": "WARNING"}}}
POKPONG_FIELD_KEYS = ["dGVzdC1vbmx5LWZpZWxkLWtleS1wb2twb25nLTIwMjY="]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
POKPONG_BLIND_INDEX_KEY = "test-only-blind-index-key"

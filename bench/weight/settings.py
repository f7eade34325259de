"""The pages as production sends them, for the first-load measure (bench/scale/measures/weight.py):
the bench settings (DEBUG off, fictitious keys) with production's static files — whitenoise's
`CompressedManifestStaticFilesStorage` (hashed names served as immutable, gzip and brotli copies)
collected into POKPONG_WEIGHT_STATIC_ROOT (a temporary folder the measure makes)."""

import os
from pathlib import Path

from config.settings.bench import *  # noqa: F403
from config.settings.bench import STORAGES

STATIC_ROOT = Path(os.environ["POKPONG_WEIGHT_STATIC_ROOT"])
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

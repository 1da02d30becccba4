"""Settings for the test suite: the normal settings plus a throwaway key and fast hashing."""

import os

os.environ.setdefault("WEGWEISER_ALLOW_DEV_KEY", "1")
os.environ.setdefault("WEGWEISER_SSL_REDIRECT", "0")
os.environ.setdefault("WEGWEISER_SECURE_COOKIES", "0")

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Tests that need the engine build a small fixture index themselves.
WEGWEISER_TAXONOMY_SEARCH_ENGINE = False
# Two-factor is off so force_login() stays one step; tests/accounts/test_two_factor.py turns it on.
WEGWEISER_REQUIRE_2FA = False
# Retention: the erasure log and backups go to a throwaway directory, never into var/.
import tempfile as _tempfile  # noqa: E402

_RETENTION_TMP = Path(_tempfile.mkdtemp(prefix="wegweiser-test-retention-"))  # noqa: F405
WEGWEISER_ERASURE_LOG = _RETENTION_TMP / "erasure-log.jsonl"
WEGWEISER_BACKUP_DIR = _RETENTION_TMP / "backups"
# Report screens always fresh in tests (tests/reporting/test_screen_cache.py turns the cache on).
WEGWEISER_REPORT_SCREEN_CACHE_SECONDS = 0

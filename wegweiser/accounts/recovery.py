"""Recovery codes are stored as keyed digests, never as the codes themselves.

django-otp's static tokens keep whatever string they are given (16 characters at most) and look
it up by equality. We give them an HMAC of the code under the site's SECRET_KEY, so a copy of
the database (a backup, a leaked dump) does not hand out second factors: without the key the
stored values say nothing about the codes. A rotated key stays usable through
SECRET_KEY_FALLBACKS, like Django's own signed values.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.crypto import salted_hmac

_SALT = "wegweiser.accounts.recovery-code"
DIGEST_LENGTH = 16  # StaticToken.token is a CharField(max_length=16): 64 bits of HMAC-SHA256


def normalise_code(code: str) -> str:
    """What the user typed, without spaces and hyphens, in lower case (codes are shown grouped)."""
    return "".join(code.split()).replace("-", "").lower()


def code_digest(code: str, secret: str | None = None) -> str:
    """The stored form of a recovery code under `secret` (default: the current SECRET_KEY)."""
    return salted_hmac(_SALT, normalise_code(code), secret=secret, algorithm="sha256").hexdigest()[:DIGEST_LENGTH]


def candidate_digests(code: str) -> list[str]:
    """The code's digest under the current key and every fallback key, current first."""
    secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return [code_digest(code, secret) for secret in secrets]

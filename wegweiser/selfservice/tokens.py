"""Invitation tokens: short enough to type from a letter, long enough not to be guessed (pure)."""

from __future__ import annotations

import hashlib
import secrets

# No 0/o, 1/l/i: the short link must survive being read aloud or copied by hand.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
LENGTH = 12  # 31**12 ≈ 2**59 possible tokens; guessing is further limited per IP (see ratelimit.py)


def new_token() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(raw: str) -> str:
    """Accept what people type: upper case, spaces or hyphens between groups."""
    return "".join(ch for ch in raw.strip().lower() if ch not in " -")


def is_well_formed(token: str) -> bool:
    return len(token) == LENGTH and all(ch in ALPHABET for ch in token)


def digest(token: str) -> str:
    """What the database stores. Tokens are random and long, so a plain SHA-256 needs no salt."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def grouped(token: str) -> str:
    """abcd-efgh-jkmn: easier to read out on the phone."""
    return "-".join(token[i:i + 4] for i in range(0, len(token), 4))

"""The one definition of a person's German level (pure, no ORM).

Course entry, vacancy fit and recommendations all ask "which German level does this person have?";
they must give the same answer, or a caseworker sees B1 on one page and A2 on the next.
"""

from __future__ import annotations

from collections.abc import Iterable

CEFR_RANK = {"": 0, "A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6, "native": 7}


def german_level(skill_levels: Iterable[str], certificate_levels: Iterable[str] = ()) -> str:
    """The weakest recorded German skill (listening, reading, speaking, writing), or the best
    certificate if that is higher; empty when nothing is recorded.

    The weakest skill, because a course or job needs all four; a certificate is an examined level
    and outranks a lower self-assessment.
    """
    recorded = [level for level in skill_levels if CEFR_RANK.get(level)]
    from_skills = min(recorded, key=CEFR_RANK.__getitem__) if recorded else ""
    certified = [level for level in certificate_levels if CEFR_RANK.get(level)]
    best_certificate = max(certified, key=CEFR_RANK.__getitem__) if certified else ""
    if CEFR_RANK[best_certificate] > CEFR_RANK[from_skills]:
        return best_certificate
    return from_skills

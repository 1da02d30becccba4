"""Plain-data view of the taxonomy that the matching engine and scorers consume.

No Django imports here: the snapshot is built either from the committed taxonomy pack
(`wegweiser.taxonomy.pack.load_snapshot`) or from the database, and handed to pure code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


def preferred_in(labels: Iterable[Any], lang: str) -> str:
    """The preferred label in `lang` exactly, "" if there is none (no fallback to English)."""
    return next((label.text for label in labels if label.lang == lang and label.kind == "preferred"), "")


@dataclass(frozen=True)
class Label:
    text: str
    lang: str  # ISO 639-1 ("en", "de", "ar", ...)
    kind: str  # "preferred" | "alternative" | "kldb" | "berufenet" | "curated"


@dataclass(frozen=True)
class Occupation:
    uri: str  # ESCO occupation URI
    isco: str  # ISCO-08 4-digit group code
    code: str  # ESCO code, e.g. "7411.1"
    kldb: str | None  # KldB 2010 5-digit code (best mapping), None where unmapped
    labels: tuple[Label, ...]
    essential_skills: tuple[str, ...] = ()  # skill URIs
    optional_skills: tuple[str, ...] = ()
    regulated: bool = False

    def preferred(self, lang: str) -> str:
        for label in self.labels:
            if label.lang == lang and label.kind == "preferred":
                return label.text
        for label in self.labels:
            if label.lang == "en" and label.kind == "preferred":
                return label.text
        return self.labels[0].text if self.labels else self.uri


@dataclass(frozen=True)
class Skill:
    uri: str
    skill_type: str  # "skill/competence" | "knowledge" | ""
    labels: tuple[Label, ...]

    def preferred(self, lang: str) -> str:
        for label in self.labels:
            if label.lang == lang and label.kind == "preferred":
                return label.text
        for label in self.labels:
            if label.lang == "en" and label.kind == "preferred":
                return label.text
        return self.labels[0].text if self.labels else self.uri


@dataclass
class TaxonomySnapshot:
    version: str  # e.g. "esco-1.1.1+kldb-2020+pack-1"
    occupations: dict[str, Occupation] = field(default_factory=dict)
    skills: dict[str, Skill] = field(default_factory=dict)
    kldb_titles: dict[str, str] = field(default_factory=dict)  # 5-digit KldB code -> German title

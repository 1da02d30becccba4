"""Approximate coordinates of municipalities in and around Landkreis Mayen-Koblenz (pure, no Django).

Looked up from general knowledge of the region (town centres, rounded to about 1 km): good enough for a
straight-line distance, not for routing. Distances are "as the crow flies", which the UI says.
"""

from __future__ import annotations

import math
import unicodedata

# name: (latitude, longitude)
MUNICIPALITIES: dict[str, tuple[float, float]] = {
    "Koblenz": (50.356, 7.594),
    "Andernach": (50.439, 7.402),
    "Mayen": (50.328, 7.222),
    "Bendorf": (50.423, 7.571),
    "Vallendar": (50.399, 7.622),
    "Weißenthurm": (50.416, 7.451),
    "Mülheim-Kärlich": (50.385, 7.497),
    "Kobern-Gondorf": (50.309, 7.457),
    "Urmitz": (50.413, 7.521),
    "Kettig": (50.398, 7.463),
    "Plaidt": (50.392, 7.392),
    "Saffig": (50.383, 7.417),
    "Bassenheim": (50.358, 7.460),
    "Mendig": (50.375, 7.281),
    "Polch": (50.300, 7.313),
    "Kottenheim": (50.346, 7.252),
    "Münstermaifeld": (50.247, 7.362),
    "Ochtendung": (50.350, 7.389),
    "Kruft": (50.384, 7.333),
    "Thür": (50.356, 7.277),
    "Kaisersesch": (50.231, 7.140),
    "Lonnig": (50.312, 7.407),
    "Nickenich": (50.413, 7.327),
    "Rhens": (50.281, 7.619),
    "Spay": (50.258, 7.645),
    "Weitersburg": (50.418, 7.600),
    "Neuwied": (50.428, 7.461),
    "Lahnstein": (50.308, 7.607),
    "Boppard": (50.231, 7.590),
    "Cochem": (50.146, 7.167),
    "Treis-Karden": (50.175, 7.300),
    "Brodenbach": (50.232, 7.440),
    "Niederzissen": (50.458, 7.219),
    "Sinzig": (50.545, 7.247),
    "Remagen": (50.574, 7.230),
    "Bad Neuenahr-Ahrweiler": (50.544, 7.113),
    "Montabaur": (50.437, 7.826),
    "Höhr-Grenzhausen": (50.435, 7.669),
    "Rheinbrohl": (50.500, 7.335),
    "Ulmen": (50.209, 6.980),
    "Daun": (50.198, 6.831),
    "Bonn": (50.737, 7.098),
    "Berlin": (52.520, 13.405),
}


def _key(name: str) -> str:
    folded = unicodedata.normalize("NFKC", name).casefold().replace("ß", "ss")
    for prefix in ("stadt ", "gemeinde "):
        if folded.startswith(prefix):
            folded = folded[len(prefix):]
    return " ".join(folded.replace("-", " ").split())


_BY_KEY = {_key(name): coords for name, coords in MUNICIPALITIES.items()}


def coordinates(name: str) -> tuple[float, float] | None:
    return _BY_KEY.get(_key(name or "")) if name else None


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points in km."""
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))

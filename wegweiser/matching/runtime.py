"""The process-wide matching index for the product (views, tasks, commands).

Building the index encodes every label once with the sentence encoder, which takes minutes on a
cold cache; afterwards the vectors load from `WEGWEISER_CACHE_DIR/matching` in about a second.
Web requests therefore never wait: `index_if_ready()` starts the build in a background thread and
answers None until it is done. Background tasks and commands call `get_index()`, which blocks.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from django.conf import settings

from . import engine

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_index: engine.MatchingIndex | None = None
_building: threading.Thread | None = None
_failed: BaseException | None = None


def cache_dir() -> Path:
    return Path(settings.WEGWEISER_CACHE_DIR) / "matching"


def _build() -> engine.MatchingIndex:
    from wegweiser.taxonomy.pack import load_snapshot

    snapshot = load_snapshot(Path(settings.WEGWEISER_TAXONOMY_PACK))
    return engine.build_index(snapshot, cache_dir=cache_dir())


def get_index() -> engine.MatchingIndex:
    """The index, building it now if needed (blocks)."""
    global _index
    with _lock:
        if _index is None:
            _index = _build()
        return _index


def _build_in_background() -> None:
    global _failed
    try:
        get_index()
    except Exception as exc:
        logger.exception("matching index could not be built")
        _failed = exc


def index_if_ready() -> engine.MatchingIndex | None:
    """The index if it is built; otherwise start building it in the background and return None."""
    global _building
    if _index is not None:
        return _index
    if _failed is None and (_building is None or not _building.is_alive()):
        _building = threading.Thread(target=_build_in_background, name="matching-index", daemon=True)
        _building.start()
    return None


def set_index(index: engine.MatchingIndex | None) -> None:
    """Install a ready index (tests use a small fixture index; None resets)."""
    global _index, _failed
    _index = index
    _failed = None

"""Line-oriented JSON I/O shared by the `match_occupations` and `match_skills` commands (no Django)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

__all__ = ["InvalidInput", "stream_matches"]


class Writer(Protocol):
    def write(self, text: str, /) -> Any: ...

    def flush(self) -> Any: ...


class InvalidInput(ValueError):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: input is not valid UTF-8 ({reason})")
        self.line = line


def stream_matches(
    lines: Iterable[bytes],
    out: Writer,
    match: Callable[[str], Sequence[Any]],
    result: Callable[[Any], dict[str, Any]],
) -> int:
    """For each input line write {"query": ..., "results": [...]} as one JSON line; return the count.

    Blank lines give empty results. Invalid UTF-8 raises `InvalidInput` naming the 1-based line;
    lines before it have already been written.
    """
    count = 0
    for number, raw in enumerate(lines, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidInput(number, f"byte {exc.start}") from exc
        query = text.rstrip("\r\n").removeprefix("\ufeff") if number == 1 else text.rstrip("\r\n")
        results = [result(m) for m in match(query)] if query.strip() else []
        out.write(json.dumps({"query": query, "results": results}, ensure_ascii=False) + "\n")
        out.flush()
        count += 1
    return count

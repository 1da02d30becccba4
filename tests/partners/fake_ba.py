"""A local stand-in for the BA job search (http.server in a thread on 127.0.0.1), payloads written by hand
following the community OpenAPI description. Never the real network."""

from __future__ import annotations

import base64
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def listing(refnr: str, title: str, ort: str = "Mayen", lat: float = 50.33, lon: float = 7.22,
            employer: str = "Eifel Stahl GmbH") -> dict[str, Any]:
    return {"hashId": f"h-{refnr}", "beruf": title, "titel": title, "refnr": refnr, "arbeitgeber": employer,
            "aktuelleVeroeffentlichungsdatum": "2026-02-20", "eintrittsdatum": "2026-04-01",
            "arbeitsort": {"plz": "56727", "ort": ort, "region": "Rheinland-Pfalz", "land": "Deutschland",
                           "koordinaten": {"lat": lat, "lon": lon}},
            "kundennummerHash": None, "modifikationsTimestamp": "2026-02-20T10:00:00.000"}


def details(refnr: str, title: str, arbeitszeit: str = "VOLLZEIT") -> dict[str, Any]:
    return {"refnr": refnr, "referenznummer": refnr, "stellenangebotsTitel": title,
            "stellenangebotsBeschreibung": f"Wir suchen: {title}. Einarbeitung im Team.",
            "arbeitszeitmodelle": [arbeitszeit], "eintrittsdatum": "2026-04-15", "angebotsart": "ARBEIT",
            "arbeitgeberKundennummerHash": None}


class FakeBA:
    def __init__(self) -> None:
        self.jobs: list[dict[str, Any]] = []
        self.details: dict[str, Any] = {}
        self.search_override: tuple[int, bytes, dict[str, str]] | None = None
        self.detail_override: tuple[int, bytes, dict[str, str]] | None = None
        self.delay = 0.0
        self.requests: list[tuple[str, dict[str, list[str]], str | None]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                url = urllib.parse.urlsplit(self.path)
                query = urllib.parse.parse_qs(url.query)
                fake.requests.append((url.path, query, self.headers.get("X-API-Key")))
                if fake.delay:
                    time.sleep(fake.delay)
                if self.headers.get("X-API-Key") != "test-key":
                    return self._send(403, b'{"message": "forbidden"}')
                if url.path == "/pc/v4/jobs":
                    if fake.search_override:
                        return self._send(*fake.search_override)
                    page = int(query.get("page", ["1"])[0])
                    size = int(query.get("size", ["50"])[0])
                    chunk = fake.jobs[(page - 1) * size: page * size]
                    body = {"stellenangebote": chunk, "maxErgebnisse": str(len(fake.jobs)), "page": str(page),
                            "size": str(size), "facetten": []}
                    return self._send(200, json.dumps(body).encode())
                if url.path.startswith("/pc/v4/jobdetails/"):
                    if fake.detail_override:
                        return self._send(*fake.detail_override)
                    refnr = base64.b64decode(urllib.parse.unquote(url.path.rsplit("/", 1)[1])).decode()
                    if refnr not in fake.details:
                        return self._send(404, b"{}")
                    return self._send(200, json.dumps(fake.details[refnr]).encode())
                return self._send(404, b"{}")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def add(self, refnr: str, title: str, **kw: Any) -> None:
        arbeitszeit = kw.pop("arbeitszeit", "VOLLZEIT")
        self.jobs.append(listing(refnr, title, **kw))
        self.details[refnr] = details(refnr, title, arbeitszeit)

    def __enter__(self) -> FakeBA:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

"""Client for the Bundesagentur für Arbeit job search (`/pc/v4/jobs` and `/pc/v4/jobdetails/{base64(refnr)}`)
and the import into Vacancy. Written from the community spec; no code or payload copied from it.

Everything is fetched and validated first; only then one transaction writes. A network error, an HTTP 429,
a timeout or a malformed payload raises `BAError` with a message for people, and nothing is written.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.audit.services import audit_record

from .models import Vacancy

DEFAULT_URL = "https://rest.arbeitsagentur.de/jobboerse/jobsuche-service"
PAGE_SIZE = 50
MAX_PAGES = 10


class BAError(Exception):
    """A problem talking to the job search; str() is a message for people."""


@dataclass(frozen=True)
class BAJob:
    refnr: str
    title: str
    employer: str
    municipality: str
    latitude: float | None
    longitude: float | None
    start_date: dt.date | None
    description: str
    hours: str
    external_url: str


class Client:
    def __init__(self, base_url: str | None = None, api_key: str | None = None, timeout: float = 10.0) -> None:
        self.base_url = (base_url or getattr(settings, "WEGWEISER_BA_API_URL", "") or DEFAULT_URL).rstrip("/")
        self.api_key = api_key if api_key is not None else getattr(settings, "WEGWEISER_BA_API_KEY", "")
        self.timeout = timeout

    def _get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        if not self.api_key:
            raise BAError(_("Kein API-Schlüssel für die BA-Jobsuche eingerichtet (WEGWEISER_BA_API_KEY)."))
        url = self.base_url + path
        if params:
            url += "?" + urllib.parse.urlencode({k: v for k, v in params.items() if v not in (None, "")})
        if not url.startswith(("http://", "https://")):
            raise BAError(_("Die Adresse der BA-Jobsuche ist ungültig."))
        request = urllib.request.Request(url, headers={"X-API-Key": self.api_key, "Accept": "application/json"})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310  # nosec B310 - scheme checked above
                body = response.read()
        except urllib.error.HTTPError as exc:
            if exc.code == 429:
                retry = exc.headers.get("Retry-After", "")
                raise BAError(_("Die BA-Jobsuche begrenzt gerade die Anfragen (HTTP 429). Bitte später erneut "
                                "versuchen%(retry)s. Es wurde nichts importiert.")
                              % {"retry": f" (nach {retry} s)" if retry else ""}) from exc
            if exc.code in (401, 403):
                raise BAError(_("Die BA-Jobsuche lehnt den API-Schlüssel ab (HTTP %(code)s).")
                              % {"code": exc.code}) from exc
            raise BAError(_("Die BA-Jobsuche antwortet mit Fehler HTTP %(code)s. Es wurde nichts importiert.")
                          % {"code": exc.code}) from exc
        except TimeoutError as exc:
            raise BAError(_("Zeitüberschreitung bei der BA-Jobsuche. Es wurde nichts importiert.")) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise BAError(_("Zeitüberschreitung bei der BA-Jobsuche. Es wurde nichts importiert.")) from exc
            raise BAError(_("Die BA-Jobsuche ist nicht erreichbar (%(reason)s). Es wurde nichts importiert.")
                          % {"reason": exc.reason}) from exc
        except OSError as exc:
            raise BAError(_("Netzwerkfehler bei der BA-Jobsuche (%(reason)s). Es wurde nichts importiert.")
                          % {"reason": exc}) from exc
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BAError(_("Die BA-Jobsuche hat keine gültigen JSON-Daten geliefert. Es wurde nichts importiert.")) \
                from exc

    def search(self, *, was: str = "", wo: str = "", umkreis: int | None = None, page: int = 1,
               size: int = PAGE_SIZE) -> dict[str, Any]:
        data = self._get("/pc/v4/jobs", {"was": was, "wo": wo, "umkreis": umkreis, "page": page, "size": size,
                                         "angebotsart": 1})
        if not isinstance(data, dict):
            raise BAError(_("Unerwartete Antwort der BA-Jobsuche (kein Objekt). Es wurde nichts importiert."))
        return data

    def details(self, refnr: str) -> dict[str, Any]:
        code = base64.b64encode(refnr.encode("utf-8")).decode("ascii")
        data = self._get(f"/pc/v4/jobdetails/{urllib.parse.quote(code, safe='')}")
        if not isinstance(data, dict):
            raise BAError(_("Unerwartete Antwort der BA-Jobsuche zu %(refnr)s. Es wurde nichts importiert.")
                          % {"refnr": refnr})
        return data


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _coord(place: dict[str, Any]) -> tuple[float | None, float | None]:
    coords = place.get("koordinaten") or {}
    try:
        return float(coords["lat"]), float(coords["lon"])
    except (KeyError, TypeError, ValueError):
        return None, None


def parse_listing(item: Any) -> BAJob:
    """One entry of `stellenangebote`; raises BAError when required fields are missing or of the wrong type."""
    if not isinstance(item, dict):
        raise BAError(_("Unerwarteter Eintrag in der Trefferliste. Es wurde nichts importiert."))
    refnr = item.get("refnr")
    title = item.get("titel") or item.get("beruf")
    if not isinstance(refnr, str) or not refnr.strip() or not isinstance(title, str) or not title.strip():
        raise BAError(_("Ein Treffer der BA-Jobsuche hat keine Referenznummer oder keinen Titel. "
                        "Es wurde nichts importiert."))
    place = item.get("arbeitsort") or {}
    if not isinstance(place, dict):
        raise BAError(_("Ein Treffer hat einen ungültigen Arbeitsort (%(refnr)s). Es wurde nichts importiert.")
                      % {"refnr": refnr})
    lat, lon = _coord(place)
    return BAJob(
        refnr=refnr.strip()[:60], title=title.strip()[:300], employer=str(item.get("arbeitgeber") or "")[:200],
        municipality=str(place.get("ort") or "")[:120], latitude=lat, longitude=lon,
        start_date=_date(item.get("eintrittsdatum")), description="", hours="",
        external_url=str(item.get("externeUrl") or "")[:500],
    )


def merge_details(job: BAJob, details: dict[str, Any]) -> BAJob:
    title = details.get("stellenangebotsTitel") or details.get("titel") or job.title
    description = details.get("stellenangebotsBeschreibung") or details.get("stellenbeschreibung") or ""
    models_ = details.get("arbeitszeitmodelle") or []
    if not isinstance(title, str) or not isinstance(description, str) or not isinstance(models_, list):
        raise BAError(_("Die Details zu %(refnr)s sind fehlerhaft. Es wurde nichts importiert.") % {"refnr": job.refnr})
    return BAJob(**{**job.__dict__, "title": title.strip()[:300] or job.title, "description": description[:10000],
                    "hours": ",".join(str(m) for m in models_),
                    "start_date": _date(details.get("eintrittsdatum")) or job.start_date})


def fetch(client: Client, *, was: str, wo: str, umkreis: int | None, with_details: bool = True) -> list[BAJob]:
    """All hits for the search (up to MAX_PAGES pages), with details; raises BAError on any problem."""
    jobs: dict[str, BAJob] = {}
    for page in range(1, MAX_PAGES + 1):
        data = client.search(was=was, wo=wo, umkreis=umkreis, page=page)
        items = data.get("stellenangebote", [])
        if items is None:
            items = []
        if not isinstance(items, list):
            raise BAError(_("Die Trefferliste der BA-Jobsuche ist fehlerhaft. Es wurde nichts importiert."))
        for item in items:
            job = parse_listing(item)
            jobs.setdefault(job.refnr, job)
        try:
            total = int(data.get("maxErgebnisse") or 0)
        except (TypeError, ValueError):
            total = 0
        if not items or page * PAGE_SIZE >= total:
            break
    if with_details:
        jobs = {ref: merge_details(job, client.details(ref)) for ref, job in jobs.items()}
    return list(jobs.values())


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    stale: int
    query: str


def query_key(was: str, wo: str, umkreis: int | None) -> str:
    return f"was={was.strip().lower()}|wo={wo.strip().lower()}|umkreis={umkreis or ''}"


def import_jobs(*, actor: Any, was: str = "", wo: str = "", umkreis: int | None = None,
                client: Client | None = None, map_titles: bool = True) -> ImportResult:
    """Fetch, then write in one transaction: new by refnr, update existing, mark missing ones of this search stale."""
    from .services import map_title

    client = client or Client()
    jobs = fetch(client, was=was, wo=wo, umkreis=umkreis)
    key = query_key(was, wo, umkreis)
    mapped: dict[str, dict[str, str]] = {}
    if map_titles:
        from wegweiser.matching import runtime

        index = runtime.get_index()
        for title in {j.title for j in jobs}:
            mapped[title] = map_title(title, index)
    now = timezone.now()
    created = updated = 0
    with transaction.atomic():
        existing = {v.refnr: v for v in Vacancy.objects.select_for_update().filter(refnr__in=[j.refnr for j in jobs])}
        for job in jobs:
            vacancy = existing.get(job.refnr) or Vacancy(source=Vacancy.Source.BA, refnr=job.refnr)
            is_new = vacancy.pk is None
            vacancy.title, vacancy.employer_name = job.title, job.employer or "—"
            vacancy.municipality, vacancy.description = job.municipality or "—", job.description
            vacancy.latitude, vacancy.longitude = job.latitude, job.longitude
            if vacancy.latitude is None:
                from .geo import coordinates

                coords = coordinates(job.municipality)
                if coords:
                    vacancy.latitude, vacancy.longitude = coords
            vacancy.start_date, vacancy.external_url = job.start_date, job.external_url
            vacancy.shift_work = "SCHICHT" in job.hours.upper()
            vacancy.hours_per_week = 20 if "TEILZEIT" in job.hours.upper() and "VOLLZEIT" not in job.hours.upper() \
                else (39 if "VOLLZEIT" in job.hours.upper() else vacancy.hours_per_week)
            vacancy.ba_query, vacancy.last_seen_at, vacancy.stale, vacancy.active = key, now, False, True
            for field, value in mapped.get(job.title, {}).items():
                setattr(vacancy, field, value)
            if not is_new:
                vacancy.version += 1
            vacancy.save()
            created += is_new
            updated += not is_new
        stale = (Vacancy.objects.filter(source=Vacancy.Source.BA, ba_query=key, stale=False)
                 .exclude(refnr__in=[j.refnr for j in jobs]).update(stale=True, updated_at=now))
        audit_record(actor=actor, action="create", object_type="partners.vacancy",
                     detail=f"BA import {key}: {created} new, {updated} updated, {stale} stale")
    return ImportResult(created, updated, stale, key)

"""BA job search import against a local fake server: dedupe by refnr, update, stale, errors import nothing."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from tests.partners.fake_ba import FakeBA
from wegweiser.audit.models import AuditEvent
from wegweiser.partners import ba
from wegweiser.partners.models import Vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake(settings):
    with FakeBA() as server:
        settings.WEGWEISER_BA_API_URL = server.url
        settings.WEGWEISER_BA_API_KEY = "test-key"
        server.add("10000-1-S", "Elektriker (m/w/d)")
        server.add("10000-2-S", "Koch (m/w/d)", ort="Andernach", lat=50.44, lon=7.40, arbeitszeit="TEILZEIT")
        yield server


def run(**kw):
    return ba.import_jobs(actor="test", was=kw.pop("was", "Elektriker"), wo=kw.pop("wo", "Mayen"),
                          umkreis=kw.pop("umkreis", 25), client=ba.Client(timeout=kw.pop("timeout", 5)), **kw)


def test_import_creates_vacancies_with_details_and_mapping(fake):
    result = run()
    assert (result.created, result.updated, result.stale) == (2, 0, 0)
    v = Vacancy.objects.get(refnr="10000-1-S")
    assert v.source == "ba" and v.municipality == "Mayen" and v.latitude == pytest.approx(50.33)
    assert v.description.startswith("Wir suchen") and v.hours_per_week == 39
    assert v.occupation_uri.endswith("test-electrician") and v.kldb == "26212"
    assert Vacancy.objects.get(refnr="10000-2-S").hours_per_week == 20
    path, query, key = fake.requests[0]
    assert path == "/pc/v4/jobs" and query["was"] == ["Elektriker"] and query["wo"] == ["Mayen"]
    assert query["umkreis"] == ["25"] and key == "test-key"
    assert AuditEvent.objects.filter(detail__startswith="BA import").count() == 1


def test_reimport_updates_dedupes_and_marks_gone_as_stale(fake):
    run()
    fake.jobs[0]["titel"] = "Elektroniker (m/w/d)"
    fake.details["10000-1-S"]["stellenangebotsTitel"] = "Elektroniker (m/w/d)"
    fake.jobs.pop(1)
    result = run()
    assert (result.created, result.updated, result.stale) == (0, 1, 1)
    assert Vacancy.objects.count() == 2
    assert Vacancy.objects.get(refnr="10000-1-S").title == "Elektroniker (m/w/d)"
    assert Vacancy.objects.get(refnr="10000-2-S").stale
    fake.add("10000-2-S", "Koch (m/w/d)")
    run()
    assert not Vacancy.objects.get(refnr="10000-2-S").stale


def test_pagination(fake, monkeypatch):
    monkeypatch.setattr(ba, "PAGE_SIZE", 1)
    assert run().created == 2
    assert [q["page"] for p, q, _k in fake.requests if p == "/pc/v4/jobs"] == [["1"], ["2"]]


def _nothing_written(before: int) -> None:
    assert Vacancy.objects.count() == before


def test_rate_limit_429_gives_clear_message_and_imports_nothing(fake):
    fake.search_override = (429, b'{"message": "Too Many Requests"}', {"Retry-After": "60"})
    with pytest.raises(ba.BAError, match=r"HTTP 429.*nach 60 s.*nichts importiert"):
        run()
    _nothing_written(0)


def test_429_on_details_after_search_imports_nothing(fake):
    run()
    fake.details["10000-1-S"]["stellenangebotsTitel"] = "Neu"
    fake.detail_override = (429, b"{}", {})
    with pytest.raises(ba.BAError, match="429"):
        run()
    assert Vacancy.objects.get(refnr="10000-1-S").title != "Neu"


@pytest.mark.parametrize("body, message", [
    (b"<html>maintenance</html>", "keine gültigen JSON"),
    (b"[1, 2]", "kein Objekt"),
    (json.dumps({"stellenangebote": "nope"}).encode(), "Trefferliste"),
    (json.dumps({"stellenangebote": [{"titel": "ohne Referenz"}]}).encode(), "keine Referenznummer"),
    (json.dumps({"stellenangebote": [{"refnr": "1-S", "titel": "X", "arbeitsort": "Mayen"}]}).encode(),
     "ungültigen Arbeitsort"),
])
def test_malformed_payloads_import_nothing(fake, body, message):
    fake.search_override = (200, body, {})
    with pytest.raises(ba.BAError, match=message):
        run()
    _nothing_written(0)


def test_malformed_details_import_nothing_even_if_some_were_fine(fake):
    fake.details["10000-2-S"]["arbeitszeitmodelle"] = "VOLLZEIT"  # should be a list
    with pytest.raises(ba.BAError, match="fehlerhaft"):
        run()
    _nothing_written(0)


def test_timeout(fake):
    fake.delay = 1.0
    with pytest.raises(ba.BAError, match="Zeitüberschreitung"):
        run(timeout=0.2)
    _nothing_written(0)


def test_unreachable_server(settings):
    settings.WEGWEISER_BA_API_URL = "http://127.0.0.1:9"  # discard port: connection refused
    settings.WEGWEISER_BA_API_KEY = "test-key"
    with pytest.raises(ba.BAError, match="nicht erreichbar"):
        run()


def test_server_error_and_wrong_key(fake, settings):
    fake.search_override = (503, b"{}", {})
    with pytest.raises(ba.BAError, match="HTTP 503"):
        run()
    fake.search_override = None
    settings.WEGWEISER_BA_API_KEY = "wrong"
    with pytest.raises(ba.BAError, match="API-Schlüssel"):
        run()


def test_missing_key(settings):
    settings.WEGWEISER_BA_API_KEY = ""
    with pytest.raises(ba.BAError, match="WEGWEISER_BA_API_KEY"):
        run()


def test_management_command(fake, capsys):
    call_command("import_ba_jobs", "--was", "Elektriker", "--wo", "Mayen", "--umkreis", "25")
    assert "2 neu" in capsys.readouterr().out
    fake.search_override = (429, b"{}", {})
    with pytest.raises(CommandError, match="429"):
        call_command("import_ba_jobs", "--was", "Elektriker", "--wo", "Mayen")

"""Reports: the same report.build as the dashboard and the CSV export (identical suppression); funders get
only the protected aggregates of what they fund; nobody gets an individual record."""

from __future__ import annotations

import csv
import io

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import as_
from tests.reporting.conftest import world  # noqa: F401  (the hand-built programme of the reporting tests)
from wegweiser.audit.models import AuditEvent
from wegweiser.reporting import report, selectors, services


@pytest.mark.parametrize(("role", "expected"), [
    ("admin", 200), ("caseworker", 200), ("teammate", 200), ("trainer", 403), ("partner", 403), ("funder", 403),
    ("other_org_caseworker", 200),
])
def test_summary_per_role(api, personas, world, role, expected):  # noqa: F811
    response = as_(api, getattr(personas, role)).get("/api/v1/reports/summary/", {"dimension": "gender"})
    assert response.status_code == expected
    if expected == 200:
        body = response.json()
        assert body["headline"]["enrolments"] == (6 if role in ("admin", "caseworker", "teammate") else 0)
        assert [t["dimension"] for t in body["tables"]] == ["gender"]
        assert not {"participant", "participants", "people"} & set(body)


def test_summary_is_the_dashboard_report(api, personas, world):  # noqa: F811
    body = as_(api, personas.caseworker).get("/api/v1/reports/summary/").json()
    built = report.build(personas.caseworker, selectors.Filters(), protected=False, k=services.default_k(),
                         dimensions=list(selectors.DIMENSIONS))
    assert body["funnel"] == built.funnel == [6, 5, 4, 3, 2, 1]
    assert [t["cells"] for t in body["tables"]] == [t.cells for t in built.tables]
    assert AuditEvent.objects.filter(action="export", object_type="reporting.table").exists()


def test_protected_summary_suppresses_exactly_like_the_csv_export(client, api, personas, world):  # noqa: F811
    body = as_(api, personas.caseworker).get("/api/v1/reports/summary/",
                                             {"dimension": "gender", "protected": "true"}).json()
    assert body["protected"] is True and body["k"] == services.default_k()
    client.force_login(personas.caseworker)
    exported = client.get("/reporting/export/gender.csv", {"protected": "on"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(exported), delimiter=";"))
    table = body["tables"][0]
    assert rows[0][1:-1] == table["stage_labels"]
    api_rows = [[label, *cells, total] for label, cells, total in zip(table["labels"], table["cells"],
                                                                       table["row_totals"], strict=True)]
    api_rows.append(["Summe", *table["col_totals"], table["grand_total"]])
    as_text = [["•" if v is None else str(v) for v in row] for row in api_rows]
    assert rows[1:] == as_text
    assert all(v is None or v == 0 or v >= 5 for row in table["cells"] for v in row)


def test_summary_filters_validated(api, personas, world):  # noqa: F811
    client = as_(api, personas.caseworker)
    assert client.get("/api/v1/reports/summary/", {"dimension": "shoe-size"}).status_code == 400
    assert client.get("/api/v1/reports/summary/", {"start": "gestern"}).status_code == 400
    assert client.get("/api/v1/reports/summary/", {"programme": 2**70}).status_code == 400
    ok = client.get("/api/v1/reports/summary/", {"programme": world.programme.pk, "dimension": "module"})
    assert ok.status_code == 200 and ok.json()["headline"]["enrolments"] == 6


@pytest.mark.parametrize(("role", "expected", "count"), [
    ("admin", 200, 1), ("caseworker", 403, 0), ("trainer", 403, 0), ("partner", 403, 0), ("funder", 200, 1),
    ("other_org_caseworker", 403, 0),
])
def test_fundings_per_role(api, personas, world, role, expected, count, django_assert_max_num_queries):  # noqa: F811
    with django_assert_max_num_queries(4):
        response = as_(api, getattr(personas, role)).get("/api/v1/reports/fundings/")
    assert response.status_code == expected
    if expected == 200:
        assert len(response.json()) == count


@pytest.mark.parametrize(("role", "expected"), [
    ("admin", 200), ("caseworker", 403), ("trainer", 403), ("partner", 403), ("funder", 200),
    ("other_org_caseworker", 403),
])
def test_funding_report_per_role(api, personas, world, role, expected):  # noqa: F811
    start = world.start.isoformat()
    response = as_(api, getattr(personas, role)).get(f"/api/v1/reports/fundings/{world.funding.pk}/",
                                                     {"start": start, "end": world.today.isoformat()})
    assert response.status_code == expected
    if expected == 200:
        body = response.json()
        assert body["protected"] is True
        built = report.build(services._FunderView(world.funding.funder_id),
                             selectors.Filters(programme_id=world.programme.pk, start=world.start, end=world.today),
                             protected=True, k=services.default_k())
        assert body["funnel"] == built.funnel and [t["cells"] for t in body["tables"]] == [
            t.cells for t in built.tables]
        assert AuditEvent.objects.filter(action="view", object_type="reporting.programmefunding").exists()


def test_funding_of_other_org_is_404_and_bad_period_400(api, personas, world):  # noqa: F811
    assert as_(APIClient(), personas.other_org_admin).get(
        f"/api/v1/reports/fundings/{world.funding.pk}/").status_code == 404
    assert as_(api, personas.funder).get(f"/api/v1/reports/fundings/{world.funding.pk}/",
                                         {"start": "x"}).status_code == 400
    assert APIClient().get("/api/v1/reports/summary/").status_code in {401, 403}

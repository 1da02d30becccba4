"""Every reporting view per role with exact codes; funders never reach an individual record; exports."""

from __future__ import annotations

import io
import subprocess
import tempfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wegweiser.reporting import services
from wegweiser.reporting.models import FollowUp, FunderReport

pytestmark = pytest.mark.django_db

ROLES = ["admin", "caseworker", "teammate", "other_team_caseworker", "trainer", "partner", "funder",
         "other_org_caseworker", "other_org_admin"]


def codes(*values):
    return dict(zip(ROLES, values, strict=True))


def url_for(name, world):
    args = {
        "reporting:dashboard": [], "reporting:funder_home": [], "reporting:dashboard_pdf": [],
        "reporting:funding_detail": [world.funding.pk],
        "reporting:participant_outcomes": [world.people[0].pk],
    }
    if name == "reporting:export":
        return reverse(name, args=["gender", "xlsx"])
    return reverse(name, args=args[name])


GET_VIEWS = {
    "reporting:dashboard": codes(200, 200, 200, 200, 403, 403, 403, 200, 200),
    "reporting:export": codes(200, 200, 200, 200, 403, 403, 403, 200, 200),
    "reporting:funder_home": codes(200, 403, 403, 403, 403, 403, 200, 403, 200),
    "reporting:funding_detail": codes(200, 403, 403, 403, 403, 403, 200, 403, 404),
    "reporting:participant_outcomes": codes(200, 200, 200, 403, 404, 404, 404, 404, 404),
}


@pytest.mark.parametrize("name", GET_VIEWS)
def test_get_views_per_role(client, world, personas, name):
    url = url_for(name, world)
    got = {}
    for role in ROLES:
        client.force_login(getattr(personas, role))
        got[role] = client.get(url).status_code
    assert got == GET_VIEWS[name]


@pytest.mark.parametrize("name", [*GET_VIEWS, "reporting:dashboard_pdf"])
def test_anonymous_is_sent_to_login(client, world, name):
    response = client.get(url_for(name, world))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_funder_of_another_foundation_gets_404(client, world, personas):
    from tests.factories import UserFactory

    stranger = UserFactory(username="other-funder", organisation=world.other_funder, role="funder")
    client.force_login(stranger)
    assert client.get(reverse("reporting:funding_detail", args=[world.funding.pk])).status_code == 404
    stored = services.report_generate(actor=personas.funder, funding=world.funding, period_start=world.start,
                                      period_end=world.today)
    assert client.get(reverse("reporting:report_download", args=[stored.pk, "pdf"])).status_code == 404


INDIVIDUAL = [
    ("participants:list", lambda w: [], 403),
    ("participants:detail", lambda w: [w.people[0].pk], 404),
    ("participants:edit", lambda w: [w.people[0].pk], 404),
    ("participants:access_log", lambda w: [w.people[0].pk], 404),
    ("recommendations:participant", lambda w: [w.people[0].pk], 404),
    ("recommendations:sheet", lambda w: [w.people[0].pk], 404),
    ("recommendations:who_fits", lambda w: [], 403),
    ("programmes:course_detail", lambda w: [w.course.pk], 404),
    ("programmes:attendance", lambda w: [w.course.sessions.first().pk], 404),
    ("reporting:participant_outcomes", lambda w: [w.people[0].pk], 404),
]


@pytest.mark.parametrize(("name", "args", "code"), INDIVIDUAL)
def test_funder_reaches_no_individual_url(client, world, personas, name, args, code):
    client.force_login(personas.funder)
    assert client.get(reverse(name, args=args(world))).status_code == code


def test_funder_pages_contain_no_names(client, world, personas):
    client.force_login(personas.funder)
    for url in (reverse("reporting:funder_home"), reverse("reporting:funding_detail", args=[world.funding.pk])
                + f"?start={world.start:%Y-%m-%d}&end={world.today:%Y-%m-%d}"):
        body = client.get(url).content.decode()
        for person in world.people:
            assert person.family_name not in body and person.customer_number not in body


def test_followup_answer_post(client, world, personas):
    followup = FollowUp.objects.filter(status="open", outcome__participant=world.people[3], months=6).get()
    url = reverse("reporting:followup_answer", args=[followup.pk])
    client.force_login(personas.funder)
    assert client.post(url, {"status": "yes"}).status_code == 404
    client.force_login(personas.other_team_caseworker)
    assert client.post(url, {"status": "yes"}).status_code == 403
    client.force_login(personas.caseworker)
    assert client.post(url, {"status": "yes"}).status_code == 302
    followup.refresh_from_db()
    assert followup.status == "yes"


def test_outcome_form_validation_writes_nothing(client, world, personas):
    client.force_login(personas.caseworker)
    url = reverse("reporting:participant_outcomes", args=[world.people[0].pk])
    response = client.post(url, {"kind": "job", "date": str(world.today)})
    assert response.status_code == 422
    assert "Arbeitgeber" in response.content.decode()
    response = client.post(url, {"kind": "job", "date": str(world.today), "employer": "Bäckerei Klein",
                                 "occupation": "Verkauf", "hours_per_week": "25"})
    assert response.status_code == 302
    assert FollowUp.objects.filter(outcome__participant=world.people[0]).count() == 2


def test_dashboard_query_count_and_htmx_partial(client, world, personas, django_assert_max_num_queries):
    client.force_login(personas.admin)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("reporting:dashboard") + "?dimension=gender")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body and "weiblich" in body and "<script" not in body.lower().replace(
        '<script src=', '') and 'style="' not in body
    partial = client.get(reverse("reporting:dashboard") + "?dimension=nationality", HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    assert b"<html" not in partial.content and b"SY" in partial.content


def test_xlsx_export_has_typed_cells_and_headers(client, world, personas):
    client.force_login(personas.admin)
    response = client.get(reverse("reporting:export", args=["gender", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Geschlecht" and rows[0][-1] == "Summe" and rows[0][1] == "angemeldet"
    assert rows[1] == ("männlich", 0, 1, 0, 1, 0, 1, 3)
    assert isinstance(rows[1][2], int)
    assert rows[3][0] == "Summe" and rows[3][-1] == 6


def test_csv_export(client, world, personas):
    client.force_login(personas.admin)
    response = client.get(reverse("reporting:export", args=["module", "csv"]))
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[1] == "CORE;1;1;1;1;1;1;6"
    assert client.get(reverse("reporting:export", args=["names", "csv"])).status_code == 404


def test_protected_export_marks_suppressed_cells(client, world, personas):
    client.force_login(personas.admin)
    response = client.get(reverse("reporting:export", args=["gender", "csv"]) + "?protected=on")
    text = response.content.decode("utf-8-sig")
    # six enrolments in one merged stage group; 3 + 3 per gender are below k: folded together
    assert "Sonstige;6;6" in text


def pdf_text(data: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        return subprocess.run(["pdftotext", "-layout", handle.name, "-"], capture_output=True, check=True,
                              text=True).stdout


def test_funder_report_generated_on_demand_with_pdf_and_method(client, world, personas):
    client.force_login(personas.funder)
    response = client.post(reverse("reporting:report_create", args=[world.funding.pk]),
                           {"start": str(world.start), "end": str(world.today)})
    assert response.status_code == 302
    stored = FunderReport.objects.get()
    text = pdf_text(bytes(stored.pdf))
    assert "Förderbericht" in text and "LQA Test" in text and "Primärsperrung" in text
    assert "Erreichte Personen" in text
    for person in world.people:
        assert person.family_name not in text
    download = client.get(reverse("reporting:report_download", args=[stored.pk, "xlsx"]))
    assert download.status_code == 200
    book = load_workbook(io.BytesIO(download.content))
    assert "Kennzahlen" in book.sheetnames
    client.force_login(personas.caseworker)
    assert client.get(reverse("reporting:report_download", args=[stored.pk, "pdf"])).status_code == 403


def test_bad_period_is_refused(client, world, personas):
    client.force_login(personas.funder)
    response = client.post(reverse("reporting:report_create", args=[world.funding.pk]),
                           {"start": str(world.today), "end": str(world.start)})
    assert response.status_code == 302 and FunderReport.objects.count() == 0


def test_staff_pdf(client, world, personas):
    client.force_login(personas.admin)
    response = client.get(reverse("reporting:dashboard_pdf"))
    assert response.status_code == 200
    assert "Interne Auswertung" in pdf_text(response.content)


def test_followups_include_renders_with_only_user(world, personas):
    from django.template.loader import render_to_string

    html = render_to_string("reporting/_dashboard_followups.html", {"user": personas.caseworker})
    assert "Nachbefragungen" in html and str(world.people[3].family_name) in html

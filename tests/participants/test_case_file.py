"""Creating, editing, searching case files; bad input; duplicate warning; query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import ParticipantFactory
from tests.helpers import participant_form_data
from wegweiser.participants.models import Participant

SCRIPTS = {
    "arabic": ("محمد", "الحسن"),
    "persian": ("فاطمه", "رضایی"),
    "cyrillic": ("Олександр", "Шевченко"),
    "geez": ("ተስፋይ", "ገብረሚካኤል"),
    "turkish": ("Ayşe", "Yılmaz"),
    "emoji_and_marks": ("Zoë", "Ñúñez-Ørsted"),
}


def _create_data(**overrides):
    data = {
        "customer_number": "312D900001", "given_name": "Samira", "family_name": "Haddad",
        "given_name_original": "سميرة", "family_name_original": "حداد", "birth_date": "1990-03-04",
        "birth_date_precision": "exact", "gender": "female", "nationalities": ["SY"], "phone": "",
        "municipality": "Mayen", "preferred_language": "ar", "residence_status": "ae_25",
        "residence_valid_until": "", "work_permission": "yes", "driving_licence": "",
        "uses_public_transport": "on", "working_time": "any", "health_restrictions": "", "phase": "intake",
        "exit_reason": "", "exit_date": "",
    }
    data.update(overrides)
    return data


def test_caseworker_creates_participant_assigned_to_them(client, personas):
    client.force_login(personas.caseworker)
    response = client.post(reverse("participants:create"), _create_data())
    assert response.status_code == 302
    p = Participant.objects.get(customer_number="312D900001")
    assert p.caseworker == personas.caseworker
    assert p.team == personas.caseworker.team
    assert p.organisation == personas.caseworker.organisation
    assert p.given_name_original == "سميرة"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("birth_date", "2099-01-01", "Zukunft"),
    ("birth_date", "31.02.1990", "gültiges Datum"),
    ("birth_date", "1850-01-01", "vor 1900"),
    ("nationalities", ["XX"], "keine gültige Auswahl"),
    ("given_name", "x" * 101, "höchstens 100"),
    ("customer_number", "", "erforderlich"),
    ("phase", "exited", "Grund und Datum"),
])
def test_bad_input_is_refused_with_message_and_nothing_written(client, personas, field, value, message):
    client.force_login(personas.caseworker)
    response = client.post(reverse("participants:create"), _create_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Participant.objects.filter(customer_number="312D900001").exists()


def test_duplicate_customer_number_in_same_org_is_refused(client, personas, own_participant):
    client.force_login(personas.caseworker)
    response = client.post(reverse("participants:create"), _create_data(
        customer_number=own_participant.customer_number, confirm_not_duplicate="1"))
    assert response.status_code == 200
    assert "bereits vergeben" in response.content.decode()


def test_customer_number_may_repeat_in_another_org(client, personas, own_participant):
    client.force_login(personas.other_org_caseworker)
    response = client.post(reverse("participants:create"),
                           _create_data(customer_number=own_participant.customer_number))
    assert response.status_code == 302


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_unicode_in_every_script_round_trips(client, personas, script):
    given, family = SCRIPTS[script]
    client.force_login(personas.caseworker)
    assert client.post(reverse("participants:create"), _create_data(
        given_name_original=given, family_name_original=family)).status_code == 302
    p = Participant.objects.get(customer_number="312D900001")
    assert (p.given_name_original, p.family_name_original) == (given, family)
    body = client.get(reverse("participants:detail", args=[p.pk])).content.decode()
    assert given in body and family in body


TEXT_FIELDS = ["given_name", "family_name", "given_name_original", "family_name_original", "municipality",
               "phone", "driving_licence", "health_restrictions"]


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_html_in_text_fields_is_escaped_on_output(client, personas, field):
    payload = "<script>alert(1)</script>"
    client.force_login(personas.caseworker)
    assert client.post(reverse("participants:create"), _create_data(**{field: payload[:40]})).status_code == 302
    p = Participant.objects.get(customer_number="312D900001")
    assert getattr(p, field) == payload[:40]
    body = client.get(reverse("participants:detail", args=[p.pk])).content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)" in body


def test_html_in_entries_and_contact_notes_is_escaped(client, personas, own_participant):
    client.force_login(personas.caseworker)
    url = reverse("participants:entry_add", args=[own_participant.pk, "work"])
    assert client.post(url, {"job_title": "<b>Koch</b>", "country": "SY", "tasks": "<img src=x onerror=1>"}
                       ).status_code == 302
    client.post(reverse("participants:contact_add", args=[own_participant.pk]),
                {"contact_on": "2026-01-02", "channel": "phone", "text": "<iframe>"})
    body = client.get(reverse("participants:detail", args=[own_participant.pk])).content.decode()
    assert "<b>Koch</b>" not in body and "&lt;b&gt;Koch&lt;/b&gt;" in body
    assert "<img src=x" not in body and "<iframe>" not in body


@pytest.mark.parametrize(("data", "message"), [
    ({"country": "ZZ", "isced_level": "3"}, "keine gültige Auswahl"),
    ({"country": "SY", "isced_level": "12"}, "keine gültige Auswahl"),
    ({"country": "SY", "isced_level": "3", "years": "99"}, "kleiner oder gleich 30"),
])
def test_bad_education_entry_is_refused(client, personas, own_participant, data, message):
    client.force_login(personas.caseworker)
    response = client.post(reverse("participants:entry_add", args=[own_participant.pk, "education"]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert own_participant.education.count() == 0


def test_contact_note_in_future_is_refused(client, personas, own_participant):
    client.force_login(personas.caseworker)
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    client.post(reverse("participants:contact_add", args=[own_participant.pk]),
                {"contact_on": future, "channel": "phone", "text": "x"})
    assert own_participant.contacts.count() == 0


def test_duplicate_warning_before_create_then_confirm(client, personas, jobcenter):
    ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, given_name="Mohammed",
                       family_name="Al-Hassan", given_name_original="محمد", family_name_original="الحسن",
                       birth_date=dt.date(1988, 5, 1), nationalities=["SY"], customer_number="312D000777")
    client.force_login(personas.caseworker)
    data = _create_data(given_name="Muhammad", family_name="Hassan", given_name_original="",
                        family_name_original="", birth_date="1988-05-01")
    response = client.post(reverse("participants:create"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mögliche Dublette" in body and "312D000777" in body
    assert not Participant.objects.filter(customer_number="312D900001").exists()
    response = client.post(reverse("participants:create"), {**data, "confirm_not_duplicate": "1"})
    assert response.status_code == 302
    assert Participant.objects.filter(customer_number="312D900001").exists()


def test_htmx_check_returns_feedback_partial_only(client, personas, jobcenter):
    ParticipantFactory(organisation=jobcenter, given_name="Ahmad", family_name="Khalil",
                       birth_date=dt.date(1979, 2, 2), nationalities=["SY"])
    client.force_login(personas.caseworker)
    response = client.post(reverse("participants:create"),
                           {**_create_data(given_name="Ahmed", family_name="Khaleel", birth_date="1979-02-02",
                                           given_name_original="", family_name_original=""), "_check": "1"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and "Mögliche Dublette" in body
    response = client.post(reverse("participants:create"), {**_create_data(birth_date="2099-01-01"),
                                                            "_check": "1"}, HTTP_HX_REQUEST="true")
    assert "Zukunft" in response.content.decode()


def test_search_by_arabic_name_latin_variant_and_customer_number(client, personas, jobcenter, team_north):
    target = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north,
                                given_name="Mohammed", family_name="Darwish", given_name_original="محمد",
                                family_name_original="درويش", customer_number="312D424242")
    ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north,
                       given_name="Olena", family_name="Koval")
    client.force_login(personas.caseworker)
    for query in ["درويش", "Muhammad Darwisch", "312D424242", "darwish"]:
        body = client.get(reverse("participants:list"), {"q": query}).content.decode()
        assert target.customer_number in body, query
        assert "Koval" not in body, query


def test_list_filters(client, personas, jobcenter, team_north):
    soon = dt.date.today() + dt.timedelta(days=10)
    a = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north,
                           residence_valid_until=soon, nationalities=["UA"], phase="qualification")
    b = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north,
                           residence_valid_until=soon + dt.timedelta(days=300), nationalities=["AF"],
                           last_contact_on=dt.date.today())
    client.force_login(personas.caseworker)

    def listed(**params):
        body = client.get(reverse("participants:list"), params).content.decode()
        return {p.customer_number for p in (a, b) if p.customer_number in body}

    assert listed(permit="1") == {a.customer_number}
    assert listed(nationality="AF") == {b.customer_number}
    assert listed(phase="qualification") == {a.customer_number}
    assert listed(nocontact="1") == {a.customer_number}


def test_list_page_query_count_does_not_grow_with_rows(client, personas, jobcenter, team_north,
                                                       django_assert_max_num_queries):
    ParticipantFactory.create_batch(60, organisation=jobcenter, caseworker=personas.caseworker, team=team_north)
    client.force_login(personas.caseworker)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("participants:list"))
    assert response.status_code == 200
    assert response.content.decode().count('href="/participants/') >= 50


def test_dashboard_counts_and_query_count_independent_of_caseload(client, personas, jobcenter, team_north):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ParticipantFactory.create_batch(5, organisation=jobcenter, caseworker=personas.caseworker, team=team_north,
                                    residence_valid_until=dt.date.today() + dt.timedelta(days=5))
    ParticipantFactory.create_batch(3, organisation=jobcenter, caseworker=personas.teammate, team=team_north)
    client.force_login(personas.caseworker)
    with CaptureQueriesContext(connection) as small:
        response = client.get(reverse("participants:dashboard"))
    assert response.context["summary"].total == 5
    assert response.context["summary"].permits_expiring == 5
    ParticipantFactory.create_batch(20, organisation=jobcenter, caseworker=personas.caseworker, team=team_north,
                                    residence_valid_until=dt.date.today() + dt.timedelta(days=5))
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("participants:dashboard"))
    # the dashboard boxes (caseload, permits, course tasks, follow-ups, plan reviews) cost a fixed number
    assert len(large) == len(small) <= 14


def test_edit_and_merge(client, personas, own_participant, jobcenter):
    client.force_login(personas.caseworker)
    data = participant_form_data(own_participant, municipality="Andernach")
    assert client.post(reverse("participants:edit", args=[own_participant.pk]), data).status_code == 302
    own_participant.refresh_from_db()
    assert own_participant.municipality == "Andernach"
    dup = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker)
    dup.work_history.create(job_title="Bäcker", country="SY")
    dup.contacts.create(author=personas.caseworker, contact_on=dt.date.today(), text="Erstgespräch")
    client.force_login(personas.admin)
    url = reverse("participants:merge", args=[own_participant.pk])
    assert client.post(url, {"other": dup.pk, "confirm": "1"}).status_code == 302
    dup.refresh_from_db()
    assert dup.merged_into == own_participant
    assert own_participant.work_history.filter(job_title="Bäcker").exists()
    assert own_participant.contacts.filter(text="Erstgespräch").exists()
    # The merged-away file is no longer listed but its history stays.
    client.force_login(personas.caseworker)
    assert client.get(reverse("participants:detail", args=[dup.pk])).status_code == 403

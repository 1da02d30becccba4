"""Recommendations in the product: computed from confirmed codes, cached by inputs, feedback, roles."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wegweiser.participants.models import Suggestion
from wegweiser.recommendations.models import RecommendationFeedback, RecommendationSet
from wegweiser.recommendations.selectors import acceptance_rate

CARPENTER = "http://data.europa.eu/esco/occupation/2a22ff9e-de3b-408d-b312-5034896cc4f4"
SOFTWARE = "http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1"


@pytest.fixture
def carpenter_participant(own_participant):
    entry = own_participant.work_history.create(job_title="نجار", country="SY")
    Suggestion.objects.create(participant=own_participant, work_entry=entry, kind="occupation", uri=CARPENTER,
                              label="Zimmerer/Zimmerin", score=0.9, rank=1, source_digest="x", status="confirmed")
    own_participant.languages.create(language="de", listening="A2", reading="A2", speaking="A2", writing="A1")
    return own_participant


def test_confirmed_occupation_comes_first_with_factors_and_gap(client, personas, carpenter_participant):
    client.force_login(personas.caseworker)
    response = client.get(reverse("recommendations:participant", args=[carpenter_participant.pk]))
    assert response.status_code == 200
    items = response.context["items"]
    assert items[0]["uri"] == CARPENTER
    first = items[0]
    assert [f["name"] for f in first["factors"]] == ["skills", "interests", "feasibility", "demand"]
    assert first["score"] == pytest.approx(sum(f["points"] for f in first["factors"]), abs=1e-3)
    assert "braucht Deutsch B1, hat A1" in first["explanation"]  # the weakest skill (writing A1) counts
    body = response.content.decode()
    assert "Zimmerer/Zimmerin" in body and "Punkte" in body


def test_cache_is_reused_and_invalidated_when_a_skill_is_confirmed(client, personas, carpenter_participant):
    client.force_login(personas.caseworker)
    url = reverse("recommendations:participant", args=[carpenter_participant.pk])
    client.get(url)
    first = RecommendationSet.objects.get(participant=carpenter_participant)
    digest = first.inputs_digest
    client.get(url)
    assert RecommendationSet.objects.get(participant=carpenter_participant).inputs_digest == digest
    entry = carpenter_participant.work_history.get()
    Suggestion.objects.create(participant=carpenter_participant, work_entry=entry, kind="occupation", uri=SOFTWARE,
                              label="Softwareentwickler", score=0.5, rank=2, source_digest="x", status="confirmed")
    response = client.get(url)
    assert RecommendationSet.objects.get(participant=carpenter_participant).inputs_digest != digest
    assert SOFTWARE in [item["uri"] for item in response.context["items"]]


def test_feedback_accept_dismiss_pin(client, personas, carpenter_participant):
    client.force_login(personas.caseworker)
    url = reverse("recommendations:feedback", args=[carpenter_participant.pk])
    assert client.post(url, {"uri": CARPENTER, "action": "accepted"}).status_code == 302
    response = client.post(url, {"uri": CARPENTER, "action": "dismissed"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    assert "Grund" in response.content.decode()
    assert client.post(url, {"uri": "nope", "action": "accepted"}).status_code == 302
    assert RecommendationFeedback.objects.count() == 1
    assert acceptance_rate(organisation_id=carpenter_participant.organisation_id)["rate"] == 1.0


@pytest.mark.parametrize(("role", "expected"), [
    ("caseworker", 200), ("admin", 200), ("teammate", 200), ("other_team_caseworker", 403), ("trainer", 404),
    ("partner", 404), ("funder", 404), ("other_org_caseworker", 404),
])
@pytest.mark.parametrize("view", ["recommendations:participant", "recommendations:sheet"])
def test_recommendation_pages_per_role(client, personas, carpenter_participant, role, expected, view):
    client.force_login(getattr(personas, role))
    assert client.get(reverse(view, args=[carpenter_participant.pk])).status_code == expected


@pytest.mark.parametrize(("role", "expected"), [
    ("caseworker", 200), ("admin", 200), ("trainer", 403), ("partner", 403), ("funder", 403),
])
def test_who_fits_per_role(client, personas, carpenter_participant, role, expected):
    client.force_login(getattr(personas, role))
    response = client.get(reverse("recommendations:who_fits"), {"occupation": CARPENTER})
    assert response.status_code == expected
    if expected == 200:
        assert carpenter_participant.customer_number not in response.content.decode()  # names, not numbers
        assert str(carpenter_participant) in response.content.decode()


def test_acceptance_page_admin_only(client, personas):
    client.force_login(personas.caseworker)
    assert client.get(reverse("recommendations:acceptance")).status_code == 403
    client.force_login(personas.admin)
    assert client.get(reverse("recommendations:acceptance")).status_code == 200


def test_advice_sheet_is_bilingual_in_participant_language(client, personas, carpenter_participant):
    client.force_login(personas.caseworker)
    body = client.get(reverse("recommendations:sheet", args=[carpenter_participant.pk])).content.decode()
    assert "Ihre Beratung" in body and "استشارتك" in body and 'dir="rtl"' in body


def test_anonymous_is_redirected(client, carpenter_participant):
    response = client.get(reverse("recommendations:participant", args=[carpenter_participant.pk]))
    assert response.status_code == 302


def test_ict_track_flags_software_experience_with_reason(client, personas, carpenter_participant):
    entry = carpenter_participant.work_history.get()
    Suggestion.objects.create(participant=carpenter_participant, work_entry=entry, kind="occupation", uri=SOFTWARE,
                              label="Softwareentwickler", score=0.5, rank=2, source_digest="x", status="confirmed")
    client.force_login(personas.caseworker)
    response = client.get(reverse("recommendations:participant", args=[carpenter_participant.pk]))
    assert response.context["set"].ict_track["fits"] is True
    assert "Berufserfahrung in der IT" in response.content.decode()


def test_ict_track_not_for_carpenter_alone(client, personas, carpenter_participant):
    client.force_login(personas.caseworker)
    response = client.get(reverse("recommendations:participant", args=[carpenter_participant.pk]))
    assert response.context["set"].ict_track["fits"] is False


def test_recompute_command_fills_cache_and_is_incremental(carpenter_participant):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("recompute_recommendations", stdout=out)
    first = RecommendationSet.objects.get(participant=carpenter_participant)
    assert first.results[0]["uri"] == CARPENTER
    call_command("recompute_recommendations", stdout=out)
    assert RecommendationSet.objects.get(participant=carpenter_participant).computed_at == first.computed_at
    call_command("recompute_recommendations", "--queue", stdout=out)  # immediate backend in tests
    assert "Hintergrundaufgaben" in out.getvalue()


@pytest.mark.parametrize(("role", "expected"), [("admin", 200), ("caseworker", 403), ("funder", 403),
                                                ("trainer", 403)])
def test_demand_page_per_role(client, personas, role, expected):
    client.force_login(getattr(personas, role))
    assert client.get(reverse("recommendations:demand")).status_code == expected


def test_admin_sets_demand_and_it_changes_the_score(client, personas, carpenter_participant):
    client.force_login(personas.caseworker)
    url = reverse("recommendations:participant", args=[carpenter_participant.pk])
    before = next(i for i in client.get(url).context["items"] if i["uri"] == CARPENTER)["score"]
    client.force_login(personas.admin)
    response = client.post(reverse("recommendations:demand"), {"uri": CARPENTER, "demand": "100", "note": "IHK"})
    assert response.status_code == 302
    assert client.post(reverse("recommendations:demand"), {"uri": CARPENTER, "demand": "x"}).status_code == 302
    client.force_login(personas.caseworker)
    after = next(i for i in client.get(url).context["items"] if i["uri"] == CARPENTER)["score"]
    assert after == pytest.approx(before + 0.1 * 0.5, abs=1e-4)  # demand 0.5 -> 1.0 at weight 0.1


def test_completed_questionnaire_feeds_interest_factor(client, personas, carpenter_participant):
    from django.utils import timezone

    from wegweiser.interests.models import AnswerSet

    AnswerSet.objects.create(participant=carpenter_participant, answers={}, completed_at=timezone.now(),
                             scores={"R": 38, "I": 12, "A": 10, "S": 6, "E": 8, "C": 20}, holland_code="RCI",
                             profile_complete=True)
    client.force_login(personas.caseworker)
    response = client.get(reverse("recommendations:participant", args=[carpenter_participant.pk]))
    carpenter = next(i for i in response.context["items"] if i["uri"] == CARPENTER)
    interests = next(f for f in carpenter["factors"] if f["name"] == "interests")
    assert interests["value"] > 0.9  # Zimmerer is strongly Realistic, like this profile
    assert "Interessen R" in interests["text"]


def test_next_steps_start_with_german_course_from_catalogue(client, personas, carpenter_participant, jobcenter):
    from wegweiser.programmes.demo import seed_catalogue

    seed_catalogue(jobcenter)
    client.force_login(personas.caseworker)
    response = client.get(reverse("recommendations:participant", args=[carpenter_participant.pk]))
    carpenter = next(i for i in response.context["items"] if i["uri"] == CARPENTER)
    first_step = carpenter["next_steps"][0]
    assert "Deutsch auf B1" in first_step["reason"]
    assert first_step["code"] in {"bsk-b1", "integrationskurs"}


def test_enrol_from_recommendation_preselects_course_of_module(client, personas, carpenter_participant, jobcenter):
    import datetime as dt

    from wegweiser.programmes.demo import seed_catalogue
    from wegweiser.programmes.models import Course

    seed_catalogue(jobcenter)
    client.force_login(personas.caseworker)
    response = client.get(reverse("recommendations:participant", args=[carpenter_participant.pk]))
    carpenter = next(i for i in response.context["items"] if i["uri"] == CARPENTER)
    module_id = int(carpenter["next_steps"][0]["module"])
    course = Course.objects.create(module_id=module_id, organisation=jobcenter, code="lang-a",
                                   title="Deutschkurs Herbst", start_date=dt.date.today(),
                                   end_date=dt.date.today() + dt.timedelta(days=90), location="Koblenz", capacity=12)
    link = f"/programmes/participants/{carpenter_participant.pk}/enrol/?module={module_id}"
    assert link in response.content.decode()
    response = client.get(link)
    assert response.status_code == 200
    assert response.context["form"]["course"].value() == course.pk


def test_who_fits_module_reads_the_same_number_of_queries_for_more_people(client, personas, carpenter_participant,
                                                                          jobcenter, team_north):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ParticipantFactory
    from wegweiser.programmes.models import Module, Programme

    programme = Programme.objects.create(organisation=jobcenter, code="lqa", name="LQA")
    module = Module.objects.create(organisation=jobcenter, programme=programme, code="core", title="CORE", hours=40)
    client.force_login(personas.caseworker)
    url = reverse("recommendations:who_fits")

    def queries():
        client.get(url, {"module": module.pk})  # computes and stores the sets once
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"module": module.pk}).status_code == 200
        return len(ctx)

    one = queries()
    for _ in range(3):
        ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north)
    assert queries() == one

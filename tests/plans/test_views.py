"""Every view per role with exact status codes; trainer, partner and funder never read a plan."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.plans.conftest import CARPENTER, make_agreed
from wegweiser.audit.models import AuditEvent
from wegweiser.plans import services
from wegweiser.plans.models import PlanVersion
from wegweiser.programmes.models import Course, Enrolment

pytestmark = pytest.mark.django_db

READERS = {"caseworker": 200, "teammate": 200, "admin": 200, "other_team_caseworker": 403, "trainer": 404,
           "partner": 404, "funder": 404, "other_org_caseworker": 404, "other_org_admin": 404}


def _urls(p, number):
    return [reverse("plans:detail", args=[p.pk]), reverse("plans:version", args=[p.pk, number]),
            reverse("plans:diff", args=[p.pk]) + f"?a={number}&b={number}",
            reverse("plans:pdf", args=[p.pk, number]) + "?lang=de"]


@pytest.mark.parametrize(("persona", "status"), READERS.items())
def test_read_views_per_role(client, personas, own_participant, agreed, persona, status):
    client.force_login(getattr(personas, persona))
    for url in _urls(own_participant, agreed.number):
        assert client.get(url).status_code == status, url


def test_anonymous_goes_to_login(client, own_participant, agreed):
    for url in _urls(own_participant, agreed.number):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_trainer_of_the_persons_course_still_cannot_read_the_plan(client, personas, own_participant, agreed,
                                                                    module):
    today = timezone.localdate()
    course = Course.objects.create(module=module, organisation=module.organisation, code="h1", title="Holz",
                                   start_date=today, end_date=today + dt.timedelta(days=30), location="X",
                                   capacity=5)
    course.trainers.add(personas.trainer)
    Enrolment.objects.create(course=course, participant=own_participant, status="enrolled",
                             requested_at=timezone.now(), created_by=personas.caseworker)
    client.force_login(personas.trainer)
    for url in _urls(own_participant, agreed.number):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize(("persona", "status"), [("caseworker", 302), ("admin", 302), ("other_team_caseworker", 403),
                                                 ("trainer", 404), ("partner", 404), ("funder", 404),
                                                 ("other_org_admin", 404)])
def test_create_draft_per_role(client, personas, own_participant, persona, status):
    client.force_login(getattr(personas, persona))
    response = client.post(reverse("plans:draft_create", args=[own_participant.pk]))
    assert response.status_code == status
    assert PlanVersion.objects.exists() == (status == 302)


def test_write_views_refuse_get(client, personas, own_participant):
    client.force_login(personas.caseworker)
    assert client.get(reverse("plans:draft_create", args=[own_participant.pk])).status_code == 405


def test_detail_page_query_count_does_not_grow_with_versions(client, personas, own_participant,
                                                             django_assert_max_num_queries):
    for _ in range(4):
        make_agreed(personas.caseworker, own_participant, steps=(("a", 5), ("b", 6), ("c", 7)))
    client.force_login(personas.caseworker)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("plans:detail", args=[own_participant.pk]))
    assert response.status_code == 200 and response.content.count(b"Deutsch B1") >= 4


def test_reading_a_plan_is_audited(client, personas, own_participant, agreed):
    client.force_login(personas.caseworker)
    before = AuditEvent.objects.count()
    client.get(reverse("plans:version", args=[own_participant.pk, agreed.number]))
    assert AuditEvent.objects.count() == before + 1


def test_step_with_past_date_asks_for_confirmation_in_the_form(client, personas, own_participant, today):
    draft = services.plan_draft_create(actor=personas.caseworker, participant=own_participant)
    client.force_login(personas.caseworker)
    url = reverse("plans:step_add", args=[own_participant.pk, draft.number])
    data = {"lock": draft.lock, "kind": "documents", "what": "Zeugnisse übersetzen lassen",
            "responsible": "participant", "status": "open", "due_on": (today - dt.timedelta(days=3)).isoformat()}
    response = client.post(url, data)
    assert response.status_code == 422
    assert "in der Vergangenheit" in response.content.decode() and b'id="confirm-past-due"' in response.content
    assert draft.steps.count() == 0
    response = client.post(url, {**data, "confirm_past_due": "on"})
    assert response.status_code == 302 and draft.steps.count() == 1


def test_agreed_version_page_offers_no_editing(client, personas, own_participant, agreed):
    client.force_login(personas.caseworker)
    html = client.get(reverse("plans:version", args=[own_participant.pk, agreed.number])).content.decode()
    assert "Schritt hinzufügen" not in html and "eingefroren" in html
    step = agreed.steps.get()
    response = client.post(reverse("plans:step_edit", args=[own_participant.pk, agreed.number, step.pk]),
                           {"lock": agreed.lock, "what": "x", "kind": "other", "responsible": "participant",
                            "status": "open"})
    assert response.status_code == 302
    assert agreed.steps.get().what == "Deutschkurs B1 besuchen"


def test_goal_agree_and_diff_through_the_views(client, personas, own_participant, agreed, today):
    client.force_login(personas.caseworker)
    client.post(reverse("plans:draft_create", args=[own_participant.pk]))
    draft = PlanVersion.objects.get(status="draft")
    response = client.post(reverse("plans:goal", args=[own_participant.pk, draft.number]), {
        "lock": draft.lock, "goal_kind": "free", "goal_label": "Deutsch B2",
        "review_on": (today + dt.timedelta(days=60)).isoformat()})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert client.get(reverse("plans:agree", args=[own_participant.pk, draft.number])).status_code == 200
    response = client.post(reverse("plans:agree", args=[own_participant.pk, draft.number]),
                           {"lock": draft.lock, "acknowledgement": "paper"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "agreed"
    html = client.get(reverse("plans:diff", args=[own_participant.pk]) + "?a=1&b=2").content.decode()
    assert "Deutsch B1" in html and "Deutsch B2" in html


def test_from_recommendation_view(client, personas, own_participant, accepted):
    client.force_login(personas.caseworker)
    page = client.get(reverse("plans:detail", args=[own_participant.pk])).content.decode()
    assert "Entwurf aus dieser Empfehlung" in page
    response = client.post(reverse("plans:from_recommendation", args=[own_participant.pk]), {"uri": CARPENTER})
    assert response.status_code == 302
    assert PlanVersion.objects.get().goal_label == "Zimmerer/Zimmerin"


def test_case_file_include(client, personas, own_participant, agreed):
    from django.template.loader import render_to_string

    html = render_to_string("plans/_case_file_plan.html", {"p": own_participant, "user": personas.caseworker})
    assert "Deutsch B1" in html
    for persona in ("trainer", "partner", "funder", "other_team_caseworker"):
        html = render_to_string("plans/_case_file_plan.html", {"p": own_participant,
                                                                "user": getattr(personas, persona)})
        assert "Deutsch B1" not in html and "case-file-plan" not in html

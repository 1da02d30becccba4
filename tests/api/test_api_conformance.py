"""Every new endpoint's answers (success and refusals) match the OpenAPI schema — with data that the demo data
of scripts/schemathesis.sh does not contain (plans, attendance rows, partner portal, funder reports)."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import as_, assert_conforms, give
from tests.reporting.conftest import world  # noqa: F401
from wegweiser.partners.models import Purpose


def _check(client, method, template, path, body=None, expected=200):
    call = getattr(client, method.lower())
    response = call(path, body, format="json") if body is not None else call(path)
    assert response.status_code == expected, response.content
    assert_conforms(response, method, template)
    return response


def test_plan_endpoints(api, personas, own_participant, draft, today):
    cw = as_(api, personas.caseworker)
    pk = own_participant.pk
    _check(cw, "GET", "/api/v1/participants/{id}/plan/", f"/api/v1/participants/{pk}/plan/")
    _check(cw, "GET", "/api/v1/participants/{id}/plan/versions/{number}/",
           f"/api/v1/participants/{pk}/plan/versions/{draft.number}/")
    steps = "/api/v1/participants/{id}/plan/versions/{number}/steps/"
    url = f"/api/v1/participants/{pk}/plan/versions/{draft.number}/steps/"
    created = _check(cw, "POST", steps, url, {"lock": draft.lock, "what": "Bewerbung", "due_on": None}, 201)
    _check(cw, "POST", steps, url, {"lock": 0, "what": "X"}, expected=409)
    _check(cw, "POST", steps, url, {"lock": "x"}, expected=400)
    _check(cw, "POST", steps, url, {"lock": draft.lock + 1, "what": "X",
                                    "due_on": str(today - dt.timedelta(days=1))}, expected=400)
    one = "/api/v1/participants/{id}/plan/versions/{number}/steps/{step}/"
    _check(cw, "PATCH", one, f"{url}{created.json()['id']}/", {"lock": draft.lock + 1, "status": "done"})
    _check(cw, "GET", "/api/v1/participants/{id}/plan/versions/{number}/",
           f"/api/v1/participants/{pk}/plan/versions/99/", expected=404)
    _check(as_(APIClient(), personas.other_team_caseworker), "GET", "/api/v1/participants/{id}/plan/",
           f"/api/v1/participants/{pk}/plan/", expected=403)


def test_programme_endpoints(api, personas, course, session, enrolment):
    trainer = as_(api, personas.trainer)
    _check(trainer, "GET", "/api/v1/courses/", "/api/v1/courses/")
    _check(trainer, "GET", "/api/v1/courses/{id}/", f"/api/v1/courses/{course.pk}/")
    _check(trainer, "GET", "/api/v1/courses/{id}/sessions/", f"/api/v1/courses/{course.pk}/sessions/")
    sheet = "/api/v1/sessions/{id}/attendance/"
    _check(trainer, "GET", sheet, f"/api/v1/sessions/{session.pk}/attendance/")
    _check(trainer, "POST", sheet, f"/api/v1/sessions/{session.pk}/attendance/",
           {"enrolment": enrolment.pk, "status": "present"})
    _check(trainer, "POST", sheet, f"/api/v1/sessions/{session.pk}/attendance/",
           {"enrolment": enrolment.pk, "status": "?"}, expected=400)
    cw = as_(APIClient(), personas.caseworker)
    _check(cw, "GET", "/api/v1/modules/", "/api/v1/modules/")
    _check(cw, "GET", "/api/v1/modules/{id}/", f"/api/v1/modules/{course.module_id}/")
    _check(cw, "GET", sheet, f"/api/v1/sessions/{session.pk}/attendance/", expected=403)


def test_referral_endpoints(api, personas, own_participant, referred, ngo, employer, vacancies):
    cw = as_(api, personas.caseworker)
    pk = own_participant.pk
    _check(cw, "GET", "/api/v1/referrals/", "/api/v1/referrals/")
    _check(cw, "GET", "/api/v1/participants/{id}/referrals/", f"/api/v1/participants/{pk}/referrals/")
    create = "/api/v1/participants/{id}/referrals/"
    _check(cw, "POST", create, f"/api/v1/participants/{pk}/referrals/", {"vacancy": vacancies[0].pk}, 422)
    give(personas.caseworker, own_participant, employer, Purpose.JOB_PLACEMENT)
    _check(cw, "POST", create, f"/api/v1/participants/{pk}/referrals/", {"vacancy": vacancies[0].pk}, 201)
    _check(cw, "POST", create, f"/api/v1/participants/{pk}/referrals/", {"organisation": ngo.pk}, 400)
    partner = as_(APIClient(), personas.partner)
    _check(partner, "GET", "/api/v1/portal/referrals/", "/api/v1/portal/referrals/")
    _check(partner, "GET", "/api/v1/portal/referrals/{id}/", f"/api/v1/portal/referrals/{referred.pk}/")


def test_vacancy_endpoints(api, personas, own_participant, vacancies):
    cw = as_(api, personas.caseworker)
    _check(cw, "GET", "/api/v1/vacancies/", "/api/v1/vacancies/")
    _check(cw, "GET", "/api/v1/vacancies/{id}/", f"/api/v1/vacancies/{vacancies[1].pk}/")
    _check(cw, "GET", "/api/v1/vacancies/{id}/matches/", f"/api/v1/vacancies/{vacancies[0].pk}/matches/")
    _check(as_(APIClient(), personas.trainer), "GET", "/api/v1/vacancies/", "/api/v1/vacancies/", expected=403)


@pytest.mark.parametrize("protected", ["false", "true"])
def test_report_endpoints(api, personas, world, protected):  # noqa: F811
    cw = as_(api, personas.caseworker)
    _check(cw, "GET", "/api/v1/reports/summary/", f"/api/v1/reports/summary/?protected={protected}")
    funder = as_(APIClient(), personas.funder)
    _check(funder, "GET", "/api/v1/reports/fundings/", "/api/v1/reports/fundings/")
    _check(funder, "GET", "/api/v1/reports/fundings/{id}/",
           f"/api/v1/reports/fundings/{world.funding.pk}/?start={world.start}&end={world.today}")
    _check(funder, "GET", "/api/v1/reports/summary/", "/api/v1/reports/summary/", expected=403)

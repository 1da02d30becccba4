"""On a phone, in Arabic: open the invitation, answer all 60 questions (resuming after a reload),
see the result; every participant page is right-to-left, fits 360 px and passes axe-core."""

from __future__ import annotations

import re

import pytest

from tests.browser.a11y import assert_accessible, assert_no_horizontal_scroll
from tests.factories import ParticipantFactory
from wegweiser.interests import items
from wegweiser.interests.models import AnswerSet
from wegweiser.selfservice import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# answers per scale: R likes most, then S, then E; the code must be RSE
ANSWERS = {"R": "5", "I": "2", "A": "1", "S": "4", "E": "3", "C": "1"}


def check_page(page, *, rtl: bool = True) -> None:
    html = page.locator("html")
    assert html.get_attribute("dir") == ("rtl" if rtl else "ltr")
    assert_no_horizontal_scroll(page)
    assert_accessible(page)


def answer(page, position: int) -> None:
    item_id = items.ORDER[position - 1]
    page.locator(f'button[name="answer"][value="{ANSWERS[items.ITEM_DIMENSIONS[item_id]]}"]').click()
    if position < len(items.ORDER):
        page.wait_for_url(re.compile(rf"/interests/me/\d+/{position + 1}/$"))


def test_arabic_questionnaire_on_a_phone(phone_page, live_server, personas, jobcenter, team_north):
    participant = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north,
                                     preferred_language="ar", given_name="Amal")
    _invitation, token = services.invitation_create(actor=personas.caseworker, participant=participant)
    page = phone_page

    page.goto(f"{live_server.url}/me/i/{token}/")
    assert page.locator("html").get_attribute("lang") == "ar"
    check_page(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/me/")
    check_page(page)

    page.locator('a[href="/interests/me/"]').click()
    check_page(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/interests/me/\d+/1/$"))
    check_page(page)
    assert page.locator("progress").get_attribute("value") == "1"

    for position in range(1, 21):
        answer(page, position)
    # reload: the same question, nothing lost
    page.reload()
    assert page.locator("progress").get_attribute("value") == "21"
    answer_set = AnswerSet.objects.get(participant=participant)
    assert len(answer_set.answers) == 20
    # the browser's back button shows the previous answer, marked
    page.go_back()
    page.wait_for_url(re.compile(r"/interests/me/\d+/20/$"))
    assert page.locator('button[aria-pressed="true"]').count() == 1
    check_page(page)
    page.go_forward()
    page.wait_for_url(re.compile(r"/interests/me/\d+/21/$"))

    # leave and come back from the home page: resumes at question 21
    page.goto(f"{live_server.url}/me/")
    page.locator('a[href="/interests/me/"]').click()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/interests/me/\d+/21/$"))
    for position in range(21, 61):
        answer(page, position)
    page.wait_for_url(re.compile(r"/interests/me/\d+/review/$"))
    check_page(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/interests/me/result/")
    check_page(page)
    assert page.locator(".ss-code").inner_text() == "RSE"
    assert page.locator("meter").count() == 6
    assert page.locator(".ss-occupations li").count() > 0


def test_neigungen_and_cards_on_a_phone(phone_page, live_server, personas, jobcenter, team_north):
    participant = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north,
                                     preferred_language="fa")
    _invitation, token = services.invitation_create(actor=personas.caseworker, participant=participant)
    page = phone_page
    page.goto(f"{live_server.url}/me/i/{token}/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/me/")
    page.locator('a[href="/interests/me/conditions/1/"]').click()
    for step in range(1, 6):
        page.wait_for_url(f"{live_server.url}/interests/me/conditions/{step}/")
        check_page(page)
        page.locator(".ss-choice label").first.click()
        page.locator("main form button.ss-next").click()
    page.wait_for_url(f"{live_server.url}/interests/me/skills/")
    check_page(page)
    page.locator('label[for="card-drive"]').click()
    page.locator('label[for="card-languages"]').click()
    page.locator("#other-skills").fill("من می‌توانم خیاطی کنم")
    page.locator("main form button.ss-next").click()
    page.wait_for_url(f"{live_server.url}/interests/me/skills/saved/")
    check_page(page)
    assert sorted(participant.skill_cards.values_list("card", flat=True)) == ["drive", "languages"]


@pytest.mark.parametrize("lang,rtl", [("de", False), ("en", False), ("uk", False), ("ru", False), ("tr", False),
                                      ("ti", False), ("ar", True)])
def test_language_switcher_and_failure_pages(phone_page, live_server, db, lang, rtl):
    page = phone_page
    page.goto(f"{live_server.url}/me/i/abcdefghjkmn/")  # unknown link: friendly page
    page.locator(".ss-lang summary").click()
    page.locator(f'.ss-lang-list button[value="{lang}"]').click()
    page.wait_for_url(f"{live_server.url}/me/problem/invalid/")
    assert page.locator("html").get_attribute("lang") == lang
    check_page(page, rtl=rtl)


def test_axe_check_catches_a_real_violation(phone_page):
    """The accessibility check is live: a page with an unlabelled image and button fails it."""
    from tests.browser.a11y import axe_violations

    phone_page.set_content('<html lang="de"><body><main><img src="x.png"><button></button></main></body></html>')
    assert {v["id"] for v in axe_violations(phone_page)} >= {"image-alt", "button-name"}

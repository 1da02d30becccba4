"""The questionnaire and Neigungen in the participant session; the caseworker's view with exact codes."""

from __future__ import annotations

import pytest

from tests.factories import ParticipantFactory
from wegweiser.audit.models import AuditEvent
from wegweiser.interests import items
from wegweiser.interests.models import AnswerSet, SkillCard, WorkPreferences

pytestmark = pytest.mark.django_db


def start(client) -> AnswerSet:
    response = client.post("/interests/me/")
    assert response.status_code == 302
    answer_set = AnswerSet.objects.get()
    assert response["Location"] == f"/interests/me/{answer_set.pk}/1/"
    return answer_set


def test_questionnaire_needs_a_participant_session(client):
    for url in ("/interests/me/", "/interests/me/1/1/", "/interests/me/result/", "/interests/me/skills/",
                "/interests/me/conditions/1/"):
        assert client.get(url).status_code == 403, url


def test_one_question_per_screen_with_progress_and_back(participant_client):
    answer_set = start(participant_client)
    html = participant_client.get(f"/interests/me/{answer_set.pk}/1/").content.decode()
    assert '<progress id="progress" max="60" value="1">' in html
    assert "Küchenschränke aus Holz bauen" in html
    assert html.count('name="answer"') == 6  # five faces and "skip"
    response = participant_client.post(f"/interests/me/{answer_set.pk}/1/", {"answer": "5"})
    assert response["Location"] == f"/interests/me/{answer_set.pk}/2/"
    html = participant_client.get(f"/interests/me/{answer_set.pk}/2/").content.decode()
    assert f'href="/interests/me/{answer_set.pk}/1/"' in html  # back
    # back shows the saved answer
    html = participant_client.get(f"/interests/me/{answer_set.pk}/1/").content.decode()
    assert 'value="5" aria-pressed="true"' in html


def test_resume_continues_at_first_open_question(participant_client):
    answer_set = start(participant_client)
    for position in (1, 2, 3):
        participant_client.post(f"/interests/me/{answer_set.pk}/{position}/", {"answer": "4"})
    participant_client.post(f"/interests/me/{answer_set.pk}/4/", {"answer": "skip"})
    response = participant_client.post("/interests/me/")
    assert response["Location"] == f"/interests/me/{answer_set.pk}/5/"
    answer_set.refresh_from_db()
    assert answer_set.answers == {"ip-r-01": 4, "ip-i-01": 4, "ip-a-01": 4}
    assert answer_set.skipped == ["ip-s-01"]
    home = participant_client.get("/me/").content.decode()
    assert "4 von 60 beantwortet" in home


def test_complete_questionnaire_shows_result(participant_client, own_participant):
    own_participant.preferred_language = "de"
    own_participant.save()
    answer_set = start(participant_client)
    for position, item_id in enumerate(items.ORDER, start=1):
        value = {"R": 5, "I": 2, "A": 1, "S": 4, "E": 3, "C": 1}[items.ITEM_DIMENSIONS[item_id]]
        participant_client.post(f"/interests/me/{answer_set.pk}/{position}/", {"answer": str(value)})
    response = participant_client.get(f"/interests/me/{answer_set.pk}/review/")
    assert "Alle Fragen sind beantwortet" in response.content.decode()
    response = participant_client.post(f"/interests/me/{answer_set.pk}/review/")
    assert response["Location"] == "/interests/me/result/"
    answer_set.refresh_from_db()
    assert answer_set.holland_code == "RSE"
    assert answer_set.scores == {"R": 40, "I": 10, "A": 0, "S": 30, "E": 20, "C": 0}
    html = participant_client.get("/interests/me/result/").content.decode()
    assert "RSE" in html and "Praktisch-technisch" in html
    assert "Berufe, die dazu passen können" in html
    assert html.count("<meter") == 6
    # a finished set takes no more answers
    response = participant_client.post(f"/interests/me/{answer_set.pk}/1/", {"answer": "1"})
    assert response["Location"] == "/interests/me/result/"
    assert AuditEvent.objects.filter(detail__startswith=f"participant:{own_participant.pk} Fragebogen").exists()


def test_incomplete_set_points_to_skipped_questions(participant_client):
    answer_set = start(participant_client)
    for position in range(1, 61):
        answer = "skip" if position in (1, 7, 13) else "3"  # three R items skipped → 7 of 10
        participant_client.post(f"/interests/me/{answer_set.pk}/{position}/", {"answer": answer})
    html = participant_client.get(f"/interests/me/{answer_set.pk}/review/").content.decode()
    assert "mindestens 8 von 10" in html
    assert f'href="/interests/me/{answer_set.pk}/1/"' in html
    participant_client.post(f"/interests/me/{answer_set.pk}/review/")
    answer_set.refresh_from_db()
    assert answer_set.holland_code == "" and not answer_set.profile_complete
    assert "Es fehlen zu viele Antworten" in participant_client.get("/interests/me/result/").content.decode()


def test_another_participants_answer_set_is_404(participant_client, personas, jobcenter, team_north):
    other = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north)
    foreign = AnswerSet.objects.create(participant=other)
    for url in (f"/interests/me/{foreign.pk}/1/", f"/interests/me/{foreign.pk}/review/"):
        response = participant_client.get(url)
        assert response.status_code == 404, url
        assert "Diese Seite gibt es nicht." in response.content.decode() or 'lang="ar"' in response.content.decode()
    assert participant_client.post(f"/interests/me/{foreign.pk}/1/", {"answer": "5"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.answers == {}


def test_invalid_positions_and_values(participant_client):
    answer_set = start(participant_client)
    assert participant_client.get(f"/interests/me/{answer_set.pk}/61/").status_code == 404
    assert participant_client.get(f"/interests/me/{answer_set.pk}/0/").status_code == 404
    participant_client.post(f"/interests/me/{answer_set.pk}/1/", {"answer": "9"})
    answer_set.refresh_from_db()
    assert answer_set.answers == {}


def test_conditions_one_per_screen(participant_client, own_participant):
    for step, value in enumerate(["outdoors", "things", "yes", "day", "part"], start=1):
        response = participant_client.post(f"/interests/me/conditions/{step}/", {"value": value})
        assert response.status_code == 302
    assert response["Location"] == "/interests/me/skills/"
    prefs = WorkPreferences.objects.get(participant=own_participant)
    assert (prefs.place, prefs.focus, prefs.physical, prefs.shifts, prefs.hours) == (
        "outdoors", "things", "yes", "day", "part")
    participant_client.post("/interests/me/conditions/1/", {"value": "nonsense"})
    prefs.refresh_from_db()
    assert prefs.place == "outdoors"
    assert participant_client.get("/interests/me/conditions/6/").status_code == 404


OTHER_SKILLS = {
    "ar": "أستطيع إصلاح الدراجات <script>alert(1)</script>",
    "fa": "من می‌توانم خیاطی کنم",
    "uk": "Я вмію ремонтувати велосипеди",
    "ru": "Я умею водить грузовик",
    "tr": "Bisiklet tamir edebilirim – çğıöşü",
    "ti": "ብሽክለታ ክጸግን እኽእል እየ",
    "de": "Ich kann <b>schweißen</b> & löten",
    "en": "I can fix bikes",
}


@pytest.mark.parametrize("lang", sorted(OTHER_SKILLS))
def test_cards_and_free_text_round_trip_in_every_script(participant_client, own_participant, personas, lang):
    text = OTHER_SKILLS[lang]
    participant_client.post("/me/language/", {"language": lang, "next": "/me/"})
    response = participant_client.post("/interests/me/skills/", {"card": ["drive", "cook", "bogus"],
                                                                 "other_skills": text})
    assert response.status_code == 302
    cards = SkillCard.objects.filter(participant=own_participant)
    assert {c.card for c in cards} == {"drive", "cook"}
    assert {c.esco_skill_uri for c in cards} == {
        "http://data.europa.eu/esco/skill/2a82241a-216e-44d8-bb50-6b9a0ef82084",
        "http://data.europa.eu/esco/skill/f3934441-4bff-4076-9945-e6c51a01c467"}
    assert WorkPreferences.objects.get(participant=own_participant).other_skills == text
    html = participant_client.get("/interests/me/skills/").content.decode()
    assert f'lang="{lang}"' in html
    from django.utils.html import escape
    assert escape(text) in html
    assert "<script>alert" not in html and "<b>schweißen" not in html
    # and on the caseworker's screen
    participant_client.logout()
    participant_client.force_login(personas.caseworker)
    staff_html = participant_client.get(f"/interests/participants/{own_participant.pk}/").content.decode()
    assert escape(text) in staff_html and "<script>alert" not in staff_html


def test_questionnaire_page_in_arabic_is_rtl_and_translated(participant_client):
    participant_client.post("/me/language/", {"language": "ar", "next": "/me/"})
    answer_set = start(participant_client)
    html = participant_client.get(f"/interests/me/{answer_set.pk}/1/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "Küchenschränke" not in html


# --- caseworker view -------------------------------------------------------------------------


@pytest.mark.parametrize("who,status", [
    ("caseworker", 200), ("teammate", 200), ("admin", 200), ("other_team_caseworker", 403),
    ("trainer", 404), ("partner", 404), ("funder", 404), ("other_org_caseworker", 404), ("other_org_admin", 404),
])
def test_caseworker_view_by_role(client, personas, own_participant, who, status):
    client.force_login(getattr(personas, who))
    assert client.get(f"/interests/participants/{own_participant.pk}/").status_code == status


def test_caseworker_view_anonymous_redirects(client, own_participant):
    response = client.get(f"/interests/participants/{own_participant.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_caseworker_view_german_with_date_and_answers(client, personas, own_participant):
    from wegweiser.interests import services

    answer_set = services.answer_set_open(participant=own_participant, language="ar")
    for item_id in items.ORDER:
        services.answer_record(answer_set=answer_set, item_id=item_id,
                               value=5 if item_id.startswith("ip-s") else 2)
    answer_set = services.answer_set_complete(answer_set=answer_set)
    client.force_login(personas.caseworker)
    before = AuditEvent.objects.count()
    html = client.get(f"/interests/participants/{own_participant.pk}/").content.decode()
    assert AuditEvent.objects.count() == before + 1
    assert '<html lang="de"' in html
    assert answer_set.completed_at.astimezone().strftime("%d.%m.%Y") in html
    assert "Holland-Code" in html and "Sehr gern (5)" in html and "Küchenschränke aus Holz bauen" in html
    assert "Gleichstand" in html  # S first, then five scales tied at 10


def test_case_file_summary_include(rf, personas, own_participant):
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = personas.caseworker
    html = render_to_string("interests/_case_file_summary.html", {"p": own_participant, "request": request})
    assert "Interessenprofil (RIASEC)" in html and f"/me/invitations/{own_participant.pk}/" in html
    request.user = personas.trainer
    assert "Interessenprofil" not in render_to_string("interests/_case_file_summary.html",
                                                      {"p": own_participant, "request": request})

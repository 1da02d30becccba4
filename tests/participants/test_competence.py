"""Suggestions for work-history entries: computed in the background, confirmed by a human, profiled."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.matching.fixtures import CARPENTER, ELECTRICIAN
from wegweiser.audit.models import AuditEvent
from wegweiser.participants import competence
from wegweiser.participants.models import Suggestion
from wegweiser.participants.tasks import compute_suggestions


@pytest.fixture
def arabic_carpenter_entry(client, personas, own_participant, django_capture_on_commit_callbacks):
    client.force_login(personas.caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("participants:entry_add", args=[own_participant.pk, "work"]),
                               {"job_title": "نجار", "country": "SY", "years": "10",
                                "tasks": "كنت نجارا في حلب عشر سنوات"})
    assert response.status_code == 302
    return own_participant.work_history.get()


def test_new_work_entry_gets_occupation_suggestions_with_evidence(arabic_carpenter_entry):
    occupations = list(arabic_carpenter_entry.suggestions.filter(kind="occupation").order_by("rank"))
    assert occupations, "the background task should have written suggestions"
    assert occupations[0].uri == CARPENTER
    assert occupations[0].evidence and occupations[0].evidence[0]["piece"]
    assert all(s.status == "suggested" for s in occupations)


def test_case_file_shows_suggestions_and_confirm_builds_profile(client, personas, own_participant,
                                                              arabic_carpenter_entry):
    suggestion = arabic_carpenter_entry.suggestions.get(kind="occupation", rank=1)
    body = client.get(reverse("participants:detail", args=[own_participant.pk])).content.decode()
    assert suggestion.label in body and "Bestätigen" in body
    before = AuditEvent.objects.count()
    response = client.post(reverse("participants:suggestion_decide",
                                   args=[own_participant.pk, suggestion.pk, "confirmed"]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "bestätigt" in response.content.decode()
    assert AuditEvent.objects.count() == before + 1
    suggestion.refresh_from_db()
    assert suggestion.status == "confirmed" and suggestion.decided_by == personas.caseworker
    profile = competence.competence_profile(own_participant)
    assert [(i.kind, i.uri) for i in profile if i.kind == "occupation"] == [("occupation", CARPENTER)]
    assert "نجار" in profile[0].sources[0]


def test_decided_suggestions_survive_recompute_and_changed_text_refreshes(personas, own_participant,
                                                                          arabic_carpenter_entry):
    top = arabic_carpenter_entry.suggestions.get(kind="occupation", rank=1)
    competence.suggestion_decide(actor=personas.caseworker, participant=own_participant,
                                 suggestion_id=top.pk, status="rejected")
    # Same text: nothing recomputed.
    assert compute_suggestions.call([arabic_carpenter_entry.pk], []) == 0
    arabic_carpenter_entry.job_title = "Elektriker"
    arabic_carpenter_entry.tasks = "Ich habe Stromleitungen in Häusern verlegt"
    arabic_carpenter_entry.save()
    assert compute_suggestions.call([arabic_carpenter_entry.pk], []) > 0
    uris = list(arabic_carpenter_entry.suggestions.filter(kind="occupation", status="suggested")
                .order_by("rank").values_list("uri", flat=True))
    assert uris[0] == ELECTRICIAN
    assert Suggestion.objects.get(pk=top.pk).status == "rejected"


@pytest.mark.parametrize(("role", "expected"), [
    ("caseworker", 302), ("admin", 302), ("other_team_caseworker", 403), ("trainer", 404), ("funder", 404),
    ("other_org_caseworker", 404),
])
def test_decide_per_role(client, personas, own_participant, arabic_carpenter_entry, role, expected):
    suggestion = arabic_carpenter_entry.suggestions.first()
    client.force_login(getattr(personas, role))
    url = reverse("participants:suggestion_decide", args=[own_participant.pk, suggestion.pk, "confirmed"])
    assert client.post(url).status_code == expected
    suggestion.refresh_from_db()
    assert (suggestion.status == "confirmed") is (expected == 302)


def test_decide_needs_post(client, personas, own_participant, arabic_carpenter_entry):
    suggestion = arabic_carpenter_entry.suggestions.first()
    client.force_login(personas.caseworker)
    url = reverse("participants:suggestion_decide", args=[own_participant.pk, suggestion.pk, "confirmed"])
    assert client.get(url).status_code == 405


def test_unknown_status_is_404(client, personas, own_participant, arabic_carpenter_entry):
    suggestion = arabic_carpenter_entry.suggestions.first()
    client.force_login(personas.caseworker)
    url = reverse("participants:suggestion_decide", args=[own_participant.pk, suggestion.pk, "bogus"])
    assert client.post(url).status_code == 404


def test_identical_texts_are_matched_once_per_process_across_batches(personas, own_participant, monkeypatch):
    from tests.factories import WorkHistoryEntryFactory
    from wegweiser.matching import engine
    from wegweiser.participants import tasks

    monkeypatch.setattr(tasks, "_memo_index", None)  # a fresh memo for this test
    calls: list[str] = []
    real = engine.match_occupations

    def counting(index, text, **kwargs):
        calls.append(text)
        return real(index, text, **kwargs)

    monkeypatch.setattr(engine, "match_occupations", counting)
    first, second = (WorkHistoryEntryFactory(participant=own_participant, job_title="", tasks="Koch")
                     for _ in range(2))
    assert compute_suggestions.call([first.pk], []) > 0
    assert compute_suggestions.call([second.pk], []) > 0  # another batch, the same text
    assert calls == ["Koch"]
    assert second.suggestions.filter(kind="occupation").exists()


def test_the_shared_memo_keeps_the_most_recently_used_texts():
    from wegweiser.participants.tasks import _BoundedMemo

    memo = _BoundedMemo(2)
    memo["a"], memo["b"] = 1, 2
    assert memo.get("a") == 1  # "a" is now the most recent
    memo["c"] = 3
    assert (memo.get("a"), memo.get("b"), memo.get("c"), len(memo)) == (1, None, 3, 2)

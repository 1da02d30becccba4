"""Optimistic locking: a stale save is refused with what changed; never a silent overwrite."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.urls import reverse

from tests.factories import ParticipantFactory, TeamFactory, UserFactory
from tests.helpers import participant_form_data
from wegweiser.accounts.models import Organisation, Role
from wegweiser.audit.models import AuditEvent
from wegweiser.participants.models import Participant
from wegweiser.participants.services import StaleEdit, participant_update


def test_stale_update_is_refused_and_reports_conflict(personas, own_participant):
    v = own_participant.version
    participant_update(actor=personas.caseworker, participant=own_participant, version=v, phone="111")
    with pytest.raises(StaleEdit) as exc:
        participant_update(actor=personas.teammate, participant=own_participant, version=v, phone="222")
    assert exc.value.conflicts == {"phone": ("111", "222")}
    own_participant.refresh_from_db()
    assert own_participant.phone == "111"
    assert own_participant.version == v + 1


def test_edit_form_shows_conflict_and_keeps_other_edit(client, personas, own_participant):
    stale = participant_form_data(own_participant, municipality="Andernach")
    participant_update(actor=personas.teammate, participant=own_participant, version=own_participant.version,
                       municipality="Mendig")
    client.force_login(personas.caseworker)
    response = client.post(reverse("participants:edit", args=[own_participant.pk]), stale)
    assert response.status_code == 200
    body = response.content.decode()
    assert "inzwischen von" in body and str(personas.teammate) in body
    assert "Mendig" in body and "Andernach" in body
    own_participant.refresh_from_db()
    assert own_participant.municipality == "Mendig"


def test_entry_update_is_versioned_too(client, personas, own_participant):
    entry = own_participant.work_history.create(job_title="Schreiner", country="SY")
    url = reverse("participants:entry_edit", args=[own_participant.pk, "work", entry.pk])
    client.force_login(personas.caseworker)
    data = {"version": entry.version, "job_title": "Tischler", "country": "SY", "employer_type": "", "years": "",
            "tasks": ""}
    assert client.post(url, data).status_code == 302
    data["job_title"] = "Zimmermann"
    response = client.post(url, data)  # same, now stale version
    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.job_title == "Tischler"
    assert entry.version == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_edits_lose_nothing():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so there is no real concurrency to test")
    org = Organisation.objects.create(name="JC Nebenläufig", kind="jobcenter")
    team = TeamFactory(organisation=org)
    caseworker = UserFactory(organisation=org, team=team, role=Role.CASEWORKER)
    participant = ParticipantFactory(organisation=org, caseworker=caseworker, team=team)
    start_version = participant.version
    workers = 50
    barrier = threading.Barrier(workers)
    applied: list[int] = []
    refused: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def edit(i: int) -> None:
        try:
            current = Participant.objects.get(pk=participant.pk)
            barrier.wait(timeout=30)
            participant_update(actor=caseworker, participant=current, version=current.version,
                               municipality=f"Ort {i}")
            with lock:
                applied.append(i)
        except StaleEdit:
            with lock:
                refused.append(i)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=edit, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(applied) + len(refused) == workers
    assert applied, "at least one edit must win"
    final = Participant.objects.get(pk=participant.pk)
    # Every applied edit bumped the version exactly once and left one audit row: none was lost.
    assert final.version == start_version + len(applied)
    assert AuditEvent.objects.filter(action="update", object_id=str(participant.pk)).count() == len(applied)
    assert final.municipality in {f"Ort {i}" for i in applied}

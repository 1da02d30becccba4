"""The audit table's trigger on PostgreSQL: DELETE only through the retention path, UPDATE never."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from wegweiser.audit.models import AuditEvent
from wegweiser.audit.services import audit_record
from wegweiser.retention import services

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs DATABASE_URL=postgres://…"),
]


@pytest.fixture
def event():
    return audit_record(actor="test", action="view", object_type="x", object_id="1")


def _execute(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_plain_delete_is_refused(event):
    with pytest.raises(DatabaseError, match="append-only"):
        _execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_update_is_refused_even_with_the_retention_setting(event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('wegweiser.retention', 'on', true)")
        cursor.execute("UPDATE audit_auditevent SET detail = 'x' WHERE id = %s", [event.pk])


def test_retention_path_deletes_and_switches_the_setting_off_again(event):
    with transaction.atomic():
        rows = services._delete_audit_events(before=timezone.now() + dt.timedelta(seconds=1),
                                              keep_participant_ids=set())
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('wegweiser.retention', true)")
            assert cursor.fetchone()[0] == "off"
    assert rows >= 1 and not AuditEvent.objects.filter(pk=event.pk).exists()
    # Still in force afterwards.
    other = audit_record(actor="test", action="view", object_type="x", object_id="2")
    with pytest.raises(DatabaseError, match="append-only"):
        _execute("DELETE FROM audit_auditevent WHERE id = %s", [other.pk])


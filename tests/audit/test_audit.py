from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from tests.factories import PASSWORD
from tests.helpers import participant_form_data
from wegweiser.audit.models import AppendOnlyError, AuditEvent
from wegweiser.audit.services import audit_record


def test_case_file_view_writes_exactly_one_audit_row(client, personas, own_participant):
    client.force_login(personas.caseworker)
    before = AuditEvent.objects.count()
    response = client.get(reverse("participants:detail", args=[own_participant.pk]))
    assert response.status_code == 200
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.object_type, event.object_id) == ("view", "participants.participant",
                                                                   str(own_participant.pk))
    assert event.actor == personas.caseworker
    assert event.request_id == response["X-Request-ID"]
    assert event.ip == "127.0.0.1"


def test_denied_read_writes_no_view_row(client, personas, own_participant):
    client.force_login(personas.other_team_caseworker)
    before = AuditEvent.objects.filter(action="view").count()
    assert client.get(reverse("participants:detail", args=[own_participant.pk])).status_code == 403
    assert AuditEvent.objects.filter(action="view").count() == before


def test_update_writes_one_row_naming_fields_without_special_category_values(client, personas, own_participant):
    client.force_login(personas.caseworker)
    data = participant_form_data(own_participant, phone="+49 261 123456", health_restrictions="Neue Diagnose XYZ")
    before = AuditEvent.objects.count()
    response = client.post(reverse("participants:edit", args=[own_participant.pk]), data)
    assert response.status_code == 302
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("id")
    assert event.action == "update"
    assert event.fields == ["health_restrictions", "phone"]
    assert "XYZ" not in (event.detail + str(event.fields))


def test_login_and_failed_login_are_audited(client, personas):
    before = AuditEvent.objects.count()
    client.post(reverse("accounts:login"), {"username": "cw", "password": "wrong"})
    client.post(reverse("accounts:login"), {"username": "cw", "password": PASSWORD})
    events = list(AuditEvent.objects.order_by("id")[before:])
    assert [e.action for e in events] == ["login_failed", "login"]
    assert events[1].actor == personas.caseworker


def test_model_refuses_update_and_delete(personas):
    event = audit_record(actor=personas.admin, action="view", object_type="x", object_id=1)
    event.detail = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(detail="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_database_trigger_refuses_raw_update(personas):
    event = audit_record(actor=personas.admin, action="view", object_type="x", object_id=1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET detail = 'tampered' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).detail == ""


@pytest.mark.postgres
def test_postgres_trigger_refuses_raw_delete(personas):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-only: the DELETE trigger exists there (SQLite keeps DELETE for test flushes)")
    event = audit_record(actor=personas.admin, action="view", object_type="x", object_id=1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_admin_filters_audit_log_of_own_org_only(client, personas, own_participant, other_org_participant):
    client.force_login(personas.caseworker)
    client.get(reverse("participants:detail", args=[own_participant.pk]))
    client.force_login(personas.other_org_caseworker)
    client.get(reverse("participants:detail", args=[other_org_participant.pk]))
    client.force_login(personas.admin)
    body = client.get(reverse("audit:list"), {"action": "view"}).content.decode()
    assert "<td>cw</td>" in body
    assert "cw-other" not in body


def test_access_log_shows_who_opened_the_file(client, personas, own_participant):
    client.force_login(personas.teammate)
    client.get(reverse("participants:detail", args=[own_participant.pk]))
    client.force_login(personas.caseworker)
    body = client.get(reverse("participants:access_log", args=[own_participant.pk])).content.decode()
    assert "cw-team" in body


def test_every_action_written_in_code_is_a_known_audit_action():
    """The audit browser filters and labels by AuditEvent.Action; an action missing there shows raw and can't
    be filtered. Scan every audit_record(...) call (and the accounts helper that wraps it) for literal actions,
    also inside `a if c else b`."""
    import ast
    from pathlib import Path

    import wegweiser

    known = set(AuditEvent.Action.values)
    unknown: dict[str, str] = {}
    for path in Path(wegweiser.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {t.id: n.value.value for n in ast.walk(tree) if isinstance(n, ast.Assign)
                     and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
                     for t in n.targets if isinstance(t, ast.Name)}
        for call in ast.walk(tree):
            if not (isinstance(call, ast.Call) and getattr(call.func, "id", getattr(call.func, "attr", ""))
                    in ("audit_record", "login_attempt_audit")):
                continue
            for kw in call.keywords:
                if kw.arg != "action":
                    continue
                for node in ast.walk(kw.value):
                    value = node.value if isinstance(node, ast.Constant) else (
                        constants.get(node.id) if isinstance(node, ast.Name) else None)
                    if isinstance(value, str) and value not in known:
                        unknown[value] = f"{path.name}:{call.lineno}"
    assert unknown == {}

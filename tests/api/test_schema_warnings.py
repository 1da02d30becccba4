"""The OpenAPI schema generates without warnings: the deploy check (`check --deploy --fail-level WARNING`)
turns drf-spectacular's warnings into a failed deployment, so catch them in the suite already."""

from __future__ import annotations

from django.core.management import call_command


def test_schema_generates_without_warnings(tmp_path):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(target))
    assert "StepStatusEnum" in target.read_text(encoding="utf-8")

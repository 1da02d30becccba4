"""Security headers on every response, and no inline script/style in any template (strict CSP)."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import reverse

TEMPLATES = sorted(Path(__file__).resolve().parent.parent.joinpath("wegweiser").rglob("templates/**/*.html"))


def test_csp_without_unsafe_inline_and_frame_denial(client, db):
    response = client.get(reverse("accounts:login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_templates_have_no_inline_scripts_or_style_attributes():
    offenders = []
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        if re.search(r"\sstyle=\"", text) or re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(str(path))
    assert TEMPLATES and not offenders

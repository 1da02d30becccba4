"""The bilingual PDF: German and Arabic text extracted with pdftotext, fonts embedded, page numbers."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.plans.conftest import make_agreed
from wegweiser.plans import pdf, services

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")]


def _text(data: bytes, tmp_path) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _fonts(data: bytes, tmp_path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def arabic_plan(personas, own_participant):
    own_participant.preferred_language = "ar"
    own_participant.save()
    return make_agreed(personas.caseworker, own_participant,
                       steps=[(f"Schritt Nummer {i}", 10 + i) for i in range(1, 4)])


def test_german_and_arabic_side_by_side(arabic_plan, own_participant, tmp_path):
    data = pdf.render_pdf(arabic_plan, own_participant, "ar")
    assert data.startswith(b"%PDF")
    text = _text(data, tmp_path)
    for german in ("Kooperationsplan", "Mein Ziel", "Meine Schritte", "Deutsch B1", "Schritt Nummer 2",
                   f"Version {arabic_plan.number} vom", "Deutsch lernen", "Auf Papier unterschrieben"):
        assert german in text, german
    # Arabic words that survive extraction whatever the visual/logical order (lam-alef ligatures, as in
    # "الألمانية", come out decomposed, so no such words here).
    for arabic in ("التعاون", "هدفي", "خطواتي", "اللغة", "المشارك", "الورق"):
        assert arabic in text, arabic
    assert re.search(r"\b1 ?/ ?1\b", text)  # page numbers
    fonts = _fonts(data, tmp_path)
    assert "Noto-Sans" in fonts and "Noto-Sans-Arabic" in fonts
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # every font embedded


def test_long_plan_numbers_pages_and_repeats_version(personas, own_participant, tmp_path):
    version = make_agreed(personas.caseworker, own_participant,
                          steps=[(f"Langer Schritt {i} " + "mit viel Text " * 8, 10 + i) for i in range(30)])
    text = _text(pdf.render_pdf(version, own_participant, "de"), tmp_path)
    pages = text.count("\f")
    assert pages >= 2 and re.search(rf"\b2 ?/ ?{pages}\b", text)
    assert text.count(f"Version {version.number} vom") >= pages


def test_participants_language_versions_of_the_steps(arabic_plan, own_participant, tmp_path, personas):
    draft = services.plan_draft_create(actor=personas.caseworker, participant=own_participant)
    step = draft.steps.first()
    services.step_update(actor=personas.caseworker, step=step, lock=draft.lock, what_translation="دورة اللغة")
    text = _text(pdf.render_pdf(draft, own_participant, "ar"), tmp_path)
    assert "اللغة" in text and "Schritt Nummer 1" in text and "Noch nicht unterschrieben" in text


@pytest.mark.parametrize("language", ["fa", "uk", "ru", "tr", "ti", "en"])
def test_every_language_renders(agreed, own_participant, tmp_path, language):
    text = _text(pdf.render_pdf(agreed, own_participant, language), tmp_path)
    assert "Kooperationsplan" in text


def test_pdf_view_is_a_pdf_and_audited(client, personas, own_participant, agreed):
    from django.urls import reverse

    from wegweiser.audit.models import AuditEvent

    client.force_login(personas.caseworker)
    response = client.get(reverse("plans:pdf", args=[own_participant.pk, agreed.number]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(action="export", object_id=str(agreed.pk)).count() == 1

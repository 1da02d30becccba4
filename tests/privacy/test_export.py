"""Art. 15 export: data.json holds an item from every app and the audit trail; auskunft.pdf in German and
the person's language (pdftotext)."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile

import pytest
from django.apps import apps

from wegweiser.audit.models import AuditEvent
from wegweiser.privacy import export, services

pytestmark = pytest.mark.django_db
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _open(data: bytes) -> tuple[dict, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["auskunft.pdf", "data.json"]
        return json.loads(archive.read("data.json")), archive.read("auskunft.pdf")


def _ids(data: dict, label: str) -> list[int]:
    return [item["id"] for item in data["records"].get(label, {}).get("items", [])]


def _pdf_text(document: bytes, tmp_path) -> str:
    path = tmp_path / "auskunft.pdf"
    path.write_bytes(document)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_zip_holds_every_app_and_the_participant(personas, own_participant, history):
    data, document = _open(services.access_export_build(actor=personas.caseworker, participant=own_participant))
    assert document.startswith(b"%PDF")
    assert data["format"] == export.FORMAT
    assert data["participant"]["id"] == own_participant.pk
    assert data["participant"]["fields"]["customer_number"] == own_participant.customer_number
    expected = {
        "participants.languageskill": history["language"], "participants.languagecertificate": history["certificate"],
        "participants.educationentry": history["education"], "participants.workhistoryentry": history["work"],
        "participants.suggestion": history["suggestion"], "selfservice.invitation": history["invitation"],
        "interests.answerset": history["answers"], "interests.workpreferences": history["preferences"],
        "interests.skillcard": history["skill_card"], "programmes.enrolment": history["enrolment"],
        "programmes.attendance": history["attendance"],
        "programmes.participationcertificate": history["participation_certificate"],
        "programmes.caseworkertask": history["caseworker_task"], "programmes.kitloan": history["kit_loan"],
        "recommendations.recommendationset": history["recommendations"],
        "recommendations.recommendationfeedback": history["feedback"],
        "plans.planversion": history["plan_version"], "plans.step": history["step"],
        "partners.consent": history["consent"], "partners.referral": history["referral"],
        "partners.followuptask": history["followup_task"], "reporting.outcome": history["outcome"],
        "reporting.followup": history["followup"],
    }
    for label, row in expected.items():
        assert row.pk in _ids(data, label), label
    assert len(_ids(data, "participants.contactnote")) == 3
    assert len(_ids(data, "programmes.attendance")) == 4
    # the step is reached through the plan and through the enrolment, but listed once
    assert _ids(data, "plans.step").count(history["step"].pk) == 1
    notes = data["records"]["participants.contactnote"]["items"]
    assert {n["fields"]["text"] for n in notes} >= {"Beratungsgespräch Nummer 1"}
    assert notes[0]["labels"]["author"] == "cw"
    answers = data["records"]["interests.answerset"]["items"][0]["fields"]
    assert answers["answers"] == {"r1": 5} and answers["holland_code"] == "RIA"
    consent = data["records"]["partners.consent"]["items"][0]
    assert consent["fields"]["withdrawn_at"] and consent["labels"]["status"] == "widerrufen"


def test_invitation_token_hash_is_never_exported(personas, own_participant, history):
    data, _pdf = _open(services.access_export_build(actor=personas.caseworker, participant=own_participant))
    invitation = data["records"]["selfservice.invitation"]["items"][0]
    assert "token_hash" not in invitation["fields"]
    assert "f" * 64 not in json.dumps(data)


def test_audit_trail_names_actor_role_organisation_and_action(personas, own_participant, history, client):
    client.force_login(personas.admin)
    client.get(f"/participants/{own_participant.pk}/")  # a read by the admin
    data, _pdf = _open(services.access_export_build(actor=personas.caseworker, participant=own_participant))
    trail = data["audit_trail"]
    views = [e for e in trail if e["action"] == "view" and e["object_type"] == "participants.participant"]
    assert len(views) >= 5
    assert {"actor": "cw", "role": "caseworker", "organisation": "Jobcenter Landkreis Test"}.items() <= views[0].items()
    assert any(e["actor"] == "admin" and e["role"] == "admin" for e in views)
    work = [e for e in trail if e["object_type"] == "participants.workhistoryentry"]
    assert work and work[0]["fields"] == ["tasks"] and work[0]["action_label"] == "geändert"
    assert all(set(e) >= {"at", "actor", "role", "organisation", "action"} for e in trail)
    assert "ip" not in trail[0]


def test_audit_rows_of_other_participants_stay_out(personas, own_participant, history, other_org_participant):
    from tests.factories import ParticipantFactory

    neighbour = ParticipantFactory(organisation=own_participant.organisation, caseworker=personas.caseworker)
    from wegweiser.audit.services import audit_record

    audit_record(actor=personas.caseworker, action="view", obj=neighbour)
    audit_record(actor=personas.caseworker, action="update", obj=neighbour, detail=f"participant={neighbour.pk}")
    data = export.build_data(own_participant, actor=personas.caseworker)
    assert all(e["object_id"] != str(neighbour.pk) or e["object_type"] != "participants.participant"
               for e in data["audit_trail"])
    assert not any(f"participant={neighbour.pk}" in e["detail"] for e in data["audit_trail"])


def test_export_is_audited(personas, own_participant):
    services.access_export_build(actor=personas.caseworker, participant=own_participant)
    event = AuditEvent.objects.filter(action="access_export").get()
    assert event.object_id == str(own_participant.pk) and event.actor_name == "cw"


def test_every_model_pointing_at_a_participant_is_covered():
    """Fails when a new model with a foreign key to Participant is not reached by the export's walk."""
    participant_model = apps.get_model("participants", "Participant")
    covered = export.covered_models()
    missing = []
    for model in apps.get_models():
        label = model._meta.label_lower
        points_at_person = any(f.is_relation and f.related_model is participant_model
                               for f in model._meta.concrete_fields)
        if points_at_person and label not in covered and label not in export.EXCLUDED_MODELS:
            missing.append(label)
    assert not missing, f"not in the Art. 15 export: {missing}"
    assert "privacy.processingrestriction" in covered and "plans.step" in covered


def test_restriction_history_is_part_of_the_export(personas, own_participant):
    services.restriction_set(actor=personas.caseworker, participant=own_participant, reason="Antrag Art. 18")
    data = export.build_data(own_participant, actor=personas.caseworker)
    assert data["records"]["privacy.processingrestriction"]["items"][0]["fields"]["reason"] == "Antrag Art. 18"
    assert data["records"]["privacy.restrictionhistory"]["items"][0]["fields"]["action"] == "set"


@needs_pdftotext
def test_pdf_german_only_for_german_speakers(personas, own_participant, history, tmp_path):
    own_participant.preferred_language = "de"
    own_participant.save()
    _data, document = _open(services.access_export_build(actor=personas.caseworker, participant=own_participant))
    text = _pdf_text(document, tmp_path)
    for german in ("Auskunft über Ihre gespeicherten Daten", "Art. 15 DSGVO", "Ihre Stammdaten",
                   "Wer hat Ihre Akte eingesehen oder geändert?", "Kooperationsplan", "Beratungsgespräch Nummer 2",
                   "Tischler in Damaskus", own_participant.customer_number, "Einwilligungen und Vermittlungen"):
        assert german in text, german
    assert "Information about your stored data" not in text


@needs_pdftotext
def test_pdf_german_and_arabic(personas, own_participant, history, tmp_path):
    own_participant.preferred_language = "ar"
    own_participant.save()
    _data, document = _open(services.access_export_build(actor=personas.caseworker, participant=own_participant))
    text = _pdf_text(document, tmp_path)
    for german in ("Auskunft über Ihre gespeicherten Daten", "Ihre Stammdaten", "Tischler in Damaskus"):
        assert german in text, german
    # Arabic words without lam-alef ligatures (those come out decomposed from pdftotext).
    for arabic in ("معلومات", "بياناتك", "الشخصية", "التوصيات", "التعاون"):
        assert arabic in text, arabic
    fonts = subprocess.run(["pdffonts", "-"], input=document, capture_output=True, check=False).stdout.decode()
    if fonts:
        assert "Noto-Sans-Arabic" in fonts


@needs_pdftotext
def test_pdf_each_participant_language_renders(personas, own_participant, tmp_path):
    samples = {"en": "Your personal details", "uk": "Ваші особисті дані", "ru": "Ваши личные данные",
               "tr": "Kişisel bilgileriniz", "fa": "شخصی", "ti": "ሓበሬታኹም"}
    for language, phrase in samples.items():
        own_participant.preferred_language = language
        own_participant.save()
        _data, document = _open(services.access_export_build(actor=personas.caseworker,
                                                             participant=own_participant))
        assert phrase in _pdf_text(document, tmp_path), language


def test_health_data_only_for_those_who_may_see_it(personas, own_participant):
    own_participant.health_restrictions = "Rückenleiden"
    own_participant.save()
    full, _pdf = _open(services.access_export_build(actor=personas.caseworker, participant=own_participant))
    assert full["participant"]["fields"]["health_restrictions"] == "Rückenleiden" and not full["withheld"]
    admin, _pdf = _open(services.access_export_build(actor=personas.admin, participant=own_participant))
    assert admin["participant"]["fields"]["health_restrictions"] == "Rückenleiden"
    team, _pdf = _open(services.access_export_build(actor=personas.teammate, participant=own_participant))
    assert "health_restrictions" not in team["participant"]["fields"]
    assert team["withheld"] == ["participants.participant.health_restrictions"]
    assert "Rückenleiden" not in json.dumps(team)


def test_merged_file_of_the_same_person_is_exported(personas, own_participant, jobcenter, team_north):
    from tests.factories import LanguageSkillFactory, ParticipantFactory
    from wegweiser.participants import services as participant_services

    duplicate = ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north,
                                   customer_number="DUP-1")
    LanguageSkillFactory(participant=own_participant, language="en")
    kept_behind = LanguageSkillFactory(participant=duplicate, language="en")  # same language: stays on the dup
    participant_services.participant_view(actor=personas.caseworker, pk=duplicate.pk)
    participant_services.participant_merge(actor=personas.admin, keep=own_participant, merge=duplicate)
    data = export.build_data(own_participant, actor=personas.admin)
    assert [m["fields"]["customer_number"] for m in data["merged_from"]] == ["DUP-1"]
    assert kept_behind.pk in _ids(data, "participants.languageskill")
    assert any(e["object_id"] == str(duplicate.pk) and e["action"] == "view" for e in data["audit_trail"])

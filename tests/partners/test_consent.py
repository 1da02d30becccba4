"""Consent is enforced, recorded with its text version, and withdrawal takes effect at once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.partners.conftest import give
from wegweiser.audit.models import AuditEvent
from wegweiser.participants import policy as participant_policy
from wegweiser.partners import consent_texts, services
from wegweiser.partners.models import Consent, ConsentText, Purpose, Referral

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_every_purpose_has_a_text_in_all_eight_languages():
    assert set(consent_texts.LANGUAGES) == {"de", "en", "ar", "fa", "uk", "ru", "tr", "ti"}
    for purpose in Purpose.values:
        for lang in consent_texts.LANGUAGES:
            text = ConsentText.objects.get(purpose=purpose, language=lang, version=1)
            assert "{organisation}" in text.text and not text.reviewed


def test_referral_blocked_without_consent_with_clear_message(personas, participant, ngo):
    with pytest.raises(ValidationError, match="Einwilligung „Vermittlung an die Organisation“ für Hilfsorganisation"):
        services.referral_create(actor=personas.caseworker, participant=participant, organisation=ngo,
                                 shared_fields=["name"])
    assert not Referral.objects.exists()


def test_consent_for_another_partner_does_not_count(personas, participant, ngo, other_ngo):
    give(personas.caseworker, participant, other_ngo)
    with pytest.raises(ValidationError):
        services.referral_create(actor=personas.caseworker, participant=participant, organisation=ngo,
                                 shared_fields=["name"])


def test_recorded_consent_keeps_who_when_how_and_exact_text(personas, participant, ngo):
    participant.preferred_language = "ar"
    consent = services.consent_record(actor=personas.caseworker, participant=participant, organisation=ngo,
                                      purpose=Purpose.REFERRAL, method=Consent.Method.IN_PERSON, language="ar")
    assert consent.given_by == personas.caseworker and consent.given_at is not None
    assert consent.text.language == "ar" and consent.text.version == 1
    assert "Hilfsorganisation Test" in consent.text_shown and "{organisation}" not in consent.text_shown
    assert AuditEvent.objects.filter(object_type="partners.consent", action="create").count() == 1


def test_more_than_minimal_fields_need_profile_consent(personas, participant, ngo):
    give(personas.caseworker, participant, ngo)
    with pytest.raises(ValidationError, match="Weitergabe des Profils"):
        services.referral_create(actor=personas.caseworker, participant=participant, organisation=ngo,
                                 shared_fields=["name", "municipality"])
    give(personas.caseworker, participant, ngo, Purpose.PROFILE_SHARING)
    r = services.referral_create(actor=personas.caseworker, participant=participant, organisation=ngo,
                                 shared_fields=["name", "municipality"])
    assert r.shared_fields == ["name", "municipality"]


@pytest.mark.parametrize("field", ["health", "health_restrictions", "nationalities", "residence_status"])
def test_special_category_data_is_never_shareable(personas, participant, ngo, field):
    give(personas.caseworker, participant, ngo)
    give(personas.caseworker, participant, ngo, Purpose.PROFILE_SHARING)
    with pytest.raises(ValidationError, match="nie weitergegeben"):
        services.referral_create(actor=personas.caseworker, participant=participant, organisation=ngo,
                                 shared_fields=["name", field])


def test_default_share_is_minimal(personas, participant, ngo):
    give(personas.caseworker, participant, ngo)
    r = services.referral_create(actor=personas.caseworker, participant=participant, organisation=ngo,
                                 shared_fields=[])
    assert r.shared_fields == ["name", "languages"]


def test_withdrawal_by_caseworker_stops_referral_and_partner_loses_access_at_once(client, personas, referral):
    consent = Consent.objects.get(purpose=Purpose.REFERRAL)
    url = reverse("partners:portal_referral", args=[referral.pk])
    client.force_login(personas.partner)
    assert client.get(url).status_code == 200
    assert participant_policy.scope(personas.partner).filter(pk=referral.participant_id).exists()

    stopped = services.consent_withdraw(actor=personas.caseworker, consent=consent)

    assert stopped == 1
    referral.refresh_from_db()
    assert referral.status == Referral.Status.STOPPED
    assert client.get(url).status_code == 404
    assert not participant_policy.scope(personas.partner).exists()
    assert client.get(reverse("participants:detail", args=[referral.participant_id])).status_code == 404


def test_access_ends_even_if_referral_row_is_still_active(client, personas, referral):
    """The consent check is made on every read, not only by stopping referrals."""
    Consent.objects.filter(purpose=Purpose.REFERRAL).update(status=Consent.Status.WITHDRAWN)
    client.force_login(personas.partner)
    assert client.get(reverse("partners:portal_referral", args=[referral.pk])).status_code == 404


def test_withdrawing_profile_sharing_cuts_fields_back_to_minimum(client, personas, participant, ngo):
    give(personas.caseworker, participant, ngo)
    profile = give(personas.caseworker, participant, ngo, Purpose.PROFILE_SHARING)
    r = services.referral_create(actor=personas.caseworker, participant=participant, organisation=ngo,
                                 shared_fields=["name", "languages", "municipality"])
    client.force_login(personas.partner)
    assert "Andernach" in client.get(reverse("partners:portal_referral", args=[r.pk])).content.decode()
    services.consent_withdraw(actor=personas.caseworker, consent=profile)
    body = client.get(reverse("partners:portal_referral", args=[r.pk])).content.decode()
    assert "Andernach" not in body and participant.family_name in body


def test_signed_form_upload_is_validated_and_stored(personas, participant, ngo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError, match="hochladen"):
        services.consent_record(actor=personas.caseworker, participant=participant, organisation=ngo,
                                purpose=Purpose.REFERRAL, method=Consent.Method.SIGNED_FORM, language="de")
    with pytest.raises(ValidationError, match="Nur PDF"):
        services.consent_record(actor=personas.caseworker, participant=participant, organisation=ngo,
                                purpose=Purpose.REFERRAL, method=Consent.Method.SIGNED_FORM, language="de",
                                form_file=SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf"))
    big = SimpleUploadedFile("x.pdf", PDF + b"0" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError, match="zu groß"):
        services.consent_record(actor=personas.caseworker, participant=participant, organisation=ngo,
                                purpose=Purpose.REFERRAL, method=Consent.Method.SIGNED_FORM, language="de",
                                form_file=big)
    assert not Consent.objects.exists()
    consent = services.consent_record(actor=personas.caseworker, participant=participant, organisation=ngo,
                                      purpose=Purpose.REFERRAL, method=Consent.Method.SIGNED_FORM, language="de",
                                      form_file=SimpleUploadedFile("scan.pdf", PDF))
    assert consent.form_file.name.endswith(".pdf")
    assert (tmp_path / consent.form_file.name).read_bytes() == PDF


def test_consent_form_view_upload(client, personas, participant, ngo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas.caseworker)
    url = reverse("partners:consents", args=[participant.pk])
    response = client.post(url, {"organisation": ngo.pk, "purpose": "referral", "method": "signed_form",
                                 "language": "de", "form_file": SimpleUploadedFile("a.txt", b"hello")})
    assert response.status_code == 422
    assert "Nur PDF" in response.content.decode()
    response = client.post(url, {"organisation": ngo.pk, "purpose": "referral", "method": "signed_form",
                                 "language": "de", "form_file": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 302
    consent = Consent.objects.get()
    file_response = client.get(reverse("partners:consent_file", args=[consent.pk]))
    assert file_response.status_code == 200 and b"".join(file_response.streaming_content) == PDF
    client.force_login(personas.partner)
    assert client.get(reverse("partners:consent_file", args=[consent.pk])).status_code == 404


def test_self_service_request_agree_and_withdraw(client, personas, participant, ngo):
    from wegweiser.selfservice import services as ss

    consent = services.consent_request(actor=personas.caseworker, participant=participant, organisation=ngo,
                                       purpose=Purpose.REFERRAL)
    _inv, token = ss.invitation_create(actor=personas.caseworker, participant=participant)
    assert client.post(f"/me/i/{token}/").status_code == 302
    home = client.get("/me/")
    assert reverse("partners:me_consents") in home.content.decode()
    page = client.get(reverse("partners:me_consents"))
    assert page.status_code == 200
    assert "Hilfsorganisation Test" in page.content.decode()

    client.post(reverse("partners:me_consent_answer", args=[consent.pk]), {"choice": "yes"})
    consent.refresh_from_db()
    assert consent.status == Consent.Status.GIVEN and consent.method == Consent.Method.SELF_SERVICE
    assert consent.given_by is None and consent.text.language == participant.preferred_language

    r = services.referral_create(actor=personas.caseworker, participant=participant, organisation=ngo,
                                 shared_fields=[])
    client.post(reverse("partners:me_consent_answer", args=[consent.pk]), {"choice": "withdraw"})
    consent.refresh_from_db()
    r.refresh_from_db()
    assert consent.status == Consent.Status.WITHDRAWN and consent.withdrawn_in_self_service
    assert r.status == Referral.Status.STOPPED
    assert not participant_policy.scope(personas.partner).exists()


def test_self_service_cannot_touch_another_persons_consent(client, personas, participant, ngo, unreferred):
    from wegweiser.selfservice import services as ss

    foreign = give(personas.caseworker, unreferred, ngo)
    _inv, token = ss.invitation_create(actor=personas.caseworker, participant=participant)
    client.post(f"/me/i/{token}/")
    response = client.post(reverse("partners:me_consent_answer", args=[foreign.pk]), {"choice": "withdraw"})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == Consent.Status.GIVEN


def test_me_consents_without_session_is_refused(client):
    assert client.get(reverse("partners:me_consents")).status_code == 403


def test_plan_partner_allowed_hook(personas, participant, ngo, jobcenter):
    assert not services.plan_partner_allowed(participant, ngo)
    assert not services.plan_partner_allowed(participant, ngo.name)
    assert services.plan_partner_allowed(participant, "Verein außerhalb des Systems")
    assert services.plan_partner_allowed(participant, jobcenter)
    consent = give(personas.caseworker, participant, ngo)
    assert services.plan_partner_allowed(participant, ngo)
    services.consent_withdraw(actor=personas.caseworker, consent=consent)
    assert not services.plan_partner_allowed(participant, ngo)

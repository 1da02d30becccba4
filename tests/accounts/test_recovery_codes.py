"""Recovery codes are stored as keyed digests; key rotation and the migration of plain codes."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from wegweiser.accounts.recovery import code_digest
from wegweiser.accounts.services import two_factor_verify

OLD_KEY = "an-old-secret-key-that-was-rotated-away-0123456789"


@pytest.fixture
def device(personas):
    return StaticDevice.objects.create(user=personas.caseworker, name="Wiederherstellungscodes", confirmed=True)


def test_the_digest_ignores_grouping_and_case_and_depends_on_the_key():
    assert code_digest("abcd2345") == code_digest("ABCD-2345") == code_digest(" abcd 2345 ")
    assert code_digest("abcd2345") != code_digest("abcd2346")
    assert code_digest("abcd2345") != code_digest("abcd2345", OLD_KEY)
    assert len(code_digest("abcd2345")) == 16


@pytest.mark.django_db
def test_a_code_made_before_a_key_rotation_works_through_the_fallback_key(settings, personas, device):
    StaticToken.objects.create(device=device, token=code_digest("abcd2345", OLD_KEY))
    settings.SECRET_KEY_FALLBACKS = [OLD_KEY]
    assert two_factor_verify(user=personas.caseworker, token="abcd-2345") == device
    assert not StaticToken.objects.filter(device=device).exists()  # used up


@pytest.mark.django_db
def test_a_code_made_under_a_key_no_longer_configured_is_refused(settings, personas, device):
    StaticToken.objects.create(device=device, token=code_digest("abcd2345", OLD_KEY))
    settings.SECRET_KEY_FALLBACKS = []
    assert two_factor_verify(user=personas.caseworker, token="abcd2345") is None
    assert StaticToken.objects.filter(device=device).count() == 1


@pytest.mark.django_db
def test_the_stored_digest_itself_is_not_a_code(personas, device):
    digest = code_digest("abcd2345")
    StaticToken.objects.create(device=device, token=digest)
    assert two_factor_verify(user=personas.caseworker, token=digest) is None


@pytest.mark.django_db
def test_the_migration_replaces_plain_codes_by_digests_and_they_keep_working(personas, device):
    migration = importlib.import_module("wegweiser.accounts.migrations.0003_recovery_codes_as_digests")
    already = code_digest("zzzz7777")
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token="abcd2345"), StaticToken(device=device, token=already)]
    )
    migration.codes_to_digests(apps, None)
    assert set(StaticToken.objects.values_list("token", flat=True)) == {code_digest("abcd2345"), already}
    assert two_factor_verify(user=personas.caseworker, token="abcd2345") == device
    device.throttle_reset()
    assert two_factor_verify(user=personas.caseworker, token="zzzz7777") == device

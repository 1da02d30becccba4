from __future__ import annotations

import pytest
from django.core.management import call_command

from wegweiser.partners.models import Consent, Referral, Vacancy

pytestmark = pytest.mark.django_db


def test_seed_partners_is_idempotent_and_deterministic(monkeypatch):
    from wegweiser.participants import demo

    demo.seed_demo(participants=60, seed=1)
    call_command("seed_partners")
    counts = (Consent.objects.count(), Referral.objects.count(), Vacancy.objects.count())
    statuses = set(Referral.objects.values_list("status", flat=True))
    assert counts[0] >= 10 and counts[2] == 3
    assert {"pending", "accepted", "started", "declined", "completed"} <= statuses
    assert Vacancy.objects.filter(employer__name="Nettetal Metallbau GmbH").exclude(occupation_uri="").exists()
    call_command("seed_partners")
    assert (Consent.objects.count(), Referral.objects.count(), Vacancy.objects.count()) == counts
    assert Referral.objects.filter(organisation__name="International Rescue Committee Deutschland").count() == 5

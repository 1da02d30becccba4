from __future__ import annotations

import pytest
from django.core.cache import cache

from wegweiser.selfservice import services


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def invite(personas, own_participant):
    """(invitation, raw token) for `own_participant`, created by their caseworker."""
    return services.invitation_create(actor=personas.caseworker, participant=own_participant)


@pytest.fixture
def participant_client(client, invite):
    """A browser whose session is bound to `own_participant` through a redeemed invitation."""
    _invitation, token = invite
    response = client.post(f"/me/i/{token}/")
    assert response.status_code == 302
    # German texts in assertions; the case file's preferred language (Arabic in the factory) is tested apart.
    client.post("/me/language/", {"language": "de", "next": "/me/"})
    return client

from __future__ import annotations

import pytest

from wegweiser.privacy import sample


@pytest.fixture
def history(personas, own_participant):
    return sample.full_history(own_participant, personas.caseworker)

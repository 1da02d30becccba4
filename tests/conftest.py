"""Personas: every role test is one line of setup."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.factories import OrganisationFactory, ParticipantFactory, TeamFactory, UserFactory
from wegweiser.accounts.models import Organisation, Role


@pytest.fixture
def jobcenter(db):
    return OrganisationFactory(name="Jobcenter Landkreis Test", kind=Organisation.Kind.JOBCENTER)


@pytest.fixture
def other_jobcenter(db):
    return OrganisationFactory(name="Jobcenter Anderswo", kind=Organisation.Kind.JOBCENTER)


@pytest.fixture
def team_north(jobcenter):
    return TeamFactory(organisation=jobcenter, name="Nord")


@pytest.fixture
def team_south(jobcenter):
    return TeamFactory(organisation=jobcenter, name="Süd")


@pytest.fixture
def personas(jobcenter, other_jobcenter, team_north, team_south):
    ngo = OrganisationFactory(name="Hilfsorganisation Test", kind=Organisation.Kind.PARTNER)
    school = OrganisationFactory(name="Partnerschule Test", kind=Organisation.Kind.SCHOOL)
    foundation = OrganisationFactory(name="Stiftung Test", kind=Organisation.Kind.FUNDER)
    return SimpleNamespace(
        admin=UserFactory(username="admin", organisation=jobcenter, role=Role.ADMIN),
        caseworker=UserFactory(username="cw", organisation=jobcenter, role=Role.CASEWORKER, team=team_north),
        teammate=UserFactory(username="cw-team", organisation=jobcenter, role=Role.CASEWORKER, team=team_north),
        other_team_caseworker=UserFactory(
            username="cw-south", organisation=jobcenter, role=Role.CASEWORKER, team=team_south
        ),
        trainer=UserFactory(username="trainer", organisation=school, role=Role.TRAINER),
        partner=UserFactory(username="partner", organisation=ngo, role=Role.PARTNER),
        funder=UserFactory(username="funder", organisation=foundation, role=Role.FUNDER),
        other_org_caseworker=UserFactory(username="cw-other", organisation=other_jobcenter,
                                         role=Role.CASEWORKER),
        other_org_admin=UserFactory(username="admin-other", organisation=other_jobcenter, role=Role.ADMIN),
    )


@pytest.fixture
def own_participant(personas, jobcenter, team_north):
    """Assigned to `personas.caseworker`, in team Nord."""
    return ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north)


@pytest.fixture
def trainer_scope(personas, own_participant):
    """Simulates a course hook: the trainer persona teaches `own_participant` (and nobody else)."""
    from django.db.models import Q

    from wegweiser.participants import policy

    def provider(user):
        return Q(pk=own_participant.pk) if user.pk == personas.trainer.pk else Q(pk__in=[])

    policy.register_scope_provider(Role.TRAINER, provider)
    yield
    policy._scope_providers[Role.TRAINER].remove(provider)


@pytest.fixture
def other_org_participant(personas, other_jobcenter):
    return ParticipantFactory(organisation=other_jobcenter, caseworker=personas.other_org_caseworker)


_fixture_index = None


def _build_fixture_index():
    """A miniature multilingual taxonomy index (real encoder, a dozen occupations), built once."""
    global _fixture_index
    if _fixture_index is None:
        import tempfile
        from pathlib import Path

        from tests.matching.fixtures import CURATED_TSV, fixture_snapshot
        from wegweiser.matching.engine import build_index

        curated = Path(tempfile.mkdtemp()) / "curated.tsv"
        curated.write_text(CURATED_TSV, encoding="utf-8")
        _fixture_index = build_index(fixture_snapshot(), cache_dir=None, curated_path=curated)
    return _fixture_index


@pytest.fixture(autouse=True)
def _small_matching_index(monkeypatch):
    """No test ever builds the full index (minutes of encoding): the runtime gets the fixture index."""
    from wegweiser.matching import runtime

    monkeypatch.setattr(runtime, "_build", _build_fixture_index)
    monkeypatch.setattr(runtime, "_index", None)

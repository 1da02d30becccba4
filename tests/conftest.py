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
def other_org_participant(personas, other_jobcenter):
    return ParticipantFactory(organisation=other_jobcenter, caseworker=personas.other_org_caseworker)

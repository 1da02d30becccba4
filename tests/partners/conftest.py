from __future__ import annotations

import pytest

from tests.factories import LanguageSkillFactory, OrganisationFactory, ParticipantFactory, UserFactory
from wegweiser.accounts.models import Organisation, Role
from wegweiser.partners import services
from wegweiser.partners.models import Consent, Purpose


@pytest.fixture
def ngo(personas):
    """The partner persona's organisation."""
    return personas.partner.organisation


@pytest.fixture
def other_ngo(db):
    return OrganisationFactory(name="Andere Beratungsstelle", kind=Organisation.Kind.PARTNER)


@pytest.fixture
def other_partner(other_ngo):
    return UserFactory(username="partner-other", organisation=other_ngo, role=Role.PARTNER)


@pytest.fixture
def employer(db):
    return OrganisationFactory(name="Metallbau Test GmbH", kind=Organisation.Kind.EMPLOYER, municipality="Mayen")


@pytest.fixture
def employer_user(employer):
    return UserFactory(username="employer", organisation=employer, role=Role.PARTNER)


@pytest.fixture
def participant(own_participant):
    own_participant.municipality = "Andernach"
    own_participant.phone = "0151 000000"
    own_participant.save()
    LanguageSkillFactory(participant=own_participant, language="de", listening="B1", speaking="B1")
    return own_participant


def give(actor, participant, org, purpose=Purpose.REFERRAL) -> Consent:
    return services.consent_record(actor=actor, participant=participant, organisation=org, purpose=purpose,
                                   method=Consent.Method.IN_PERSON, language="de")


@pytest.fixture
def referral(personas, participant, ngo):
    give(personas.caseworker, participant, ngo)
    return services.referral_create(actor=personas.caseworker, participant=participant, organisation=ngo,
                                    shared_fields=["name", "languages"])


@pytest.fixture
def unreferred(personas, jobcenter, team_north):
    return ParticipantFactory(organisation=jobcenter, caseworker=personas.caseworker, team=team_north,
                              given_name="Ungenannt", family_name="Nichtvermittelt")

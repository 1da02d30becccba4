"""An agreed version is frozen; changes go into a new draft; both parties' acknowledgement is recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.plans.conftest import CARPENTER, make_agreed
from wegweiser.audit.models import AuditEvent
from wegweiser.plans import hooks, selectors, services
from wegweiser.plans.models import FrozenVersion, PlanVersion, Step

pytestmark = pytest.mark.django_db


def test_paper_agreement_freezes_with_date_and_both_signatures(personas, own_participant, today):
    version = make_agreed(personas.caseworker, own_participant)
    assert version.status == "agreed" and version.agreed_on == today
    assert version.signed_by == personas.caseworker and version.signed_at is not None
    assert version.participant_ack == "paper" and version.participant_ack_recorded_by == personas.caseworker
    assert selectors.current_agreed(own_participant) == version


def test_frozen_version_refuses_edits_in_services_and_model(personas, own_participant, agreed):
    with pytest.raises(FrozenVersion):
        services.plan_goal_update(actor=personas.caseworker, version=agreed, lock=agreed.lock, goal_label="anders")
    step = agreed.steps.get()
    with pytest.raises(FrozenVersion):
        services.step_update(actor=personas.caseworker, step=step, lock=agreed.lock, what="anders")
    with pytest.raises(FrozenVersion):
        services.step_add(actor=personas.caseworker, version=agreed, lock=agreed.lock, what="neu")
    # Below the services: the model refuses too.
    agreed.goal_label = "anders"
    with pytest.raises(FrozenVersion):
        agreed.save()
    step.what = "anders"
    with pytest.raises(FrozenVersion):
        step.save()
    with pytest.raises(FrozenVersion):
        step.delete()
    with pytest.raises(FrozenVersion):
        Step.objects.filter(pk=step.pk).update(what="anders")
    with pytest.raises(FrozenVersion):
        Step.objects.create(version=agreed, what="untergeschoben")
    fresh = PlanVersion.objects.get(pk=agreed.pk)
    assert fresh.goal_label == "Deutsch B1" and fresh.steps.get().what == "Deutschkurs B1 besuchen"


def test_changes_go_into_a_new_draft_copied_from_the_agreed_version(personas, own_participant, agreed, today):
    draft = services.plan_draft_create(actor=personas.caseworker, participant=own_participant)
    assert draft.number == 2 and draft.based_on == agreed and draft.goal_label == "Deutsch B1"
    old_step, new_step = agreed.steps.get(), draft.steps.get()
    assert new_step.key == old_step.key and new_step.pk != old_step.pk
    services.step_update(actor=personas.caseworker, step=new_step, lock=draft.lock, status="done")
    assert agreed.steps.get().status == "open"
    with pytest.raises(ValidationError) as exc:
        services.plan_draft_create(actor=personas.caseworker, participant=own_participant)
    assert exc.value.code == "open_exists"


def test_selfservice_acknowledgement_waits_for_the_person(personas, own_participant, agreed):
    draft = services.plan_draft_create(actor=personas.caseworker, participant=own_participant)
    signed = services.plan_agree(actor=personas.caseworker, version=draft, lock=draft.lock,
                                 acknowledgement="selfservice")
    assert signed.status == "awaiting"
    assert selectors.current_agreed(own_participant) == agreed  # still in force
    with pytest.raises(FrozenVersion):
        services.plan_goal_update(actor=personas.caseworker, version=signed, lock=signed.lock, goal_label="x")
    done = services.plan_acknowledge(participant=own_participant, version=signed)
    assert (done.status, done.participant_ack, done.participant_ack_recorded_by) == ("agreed", "selfservice", None)
    assert selectors.current_agreed(own_participant) == done
    assert AuditEvent.objects.filter(object_id=str(done.pk), actor=None, detail__contains="acknowledged").exists()


def test_withdrawn_version_is_the_base_of_the_next_draft(personas, own_participant):
    signed = make_agreed(personas.caseworker, own_participant, ack="selfservice")
    services.plan_withdraw(actor=personas.caseworker, version=signed)
    draft = services.plan_draft_create(actor=personas.caseworker, participant=own_participant)
    assert draft.based_on_id == signed.pk and draft.steps.count() == 1
    assert selectors.current_agreed(own_participant) is None


def test_past_due_date_on_new_step_needs_confirmation(personas, own_participant, today):
    draft = services.plan_draft_create(actor=personas.caseworker, participant=own_participant)
    yesterday = today - dt.timedelta(days=1)
    with pytest.raises(services.PastDueNeedsConfirmation):
        services.step_add(actor=personas.caseworker, version=draft, lock=draft.lock, what="Pass abholen",
                          due_on=yesterday)
    assert draft.steps.count() == 0
    step = services.step_add(actor=personas.caseworker, version=draft, lock=draft.lock, what="Pass abholen",
                             due_on=yesterday, confirm_past_due=True)
    assert step.due_on == yesterday and step.effective_status(today) == "missed"


def test_bad_input_is_refused_and_nothing_written(personas, own_participant, today):
    draft = services.plan_draft_create(actor=personas.caseworker, participant=own_participant)
    cases = [dict(what=""), dict(what="x", status="dropped"), dict(what="x", responsible="partner")]
    for data in cases:
        with pytest.raises(ValidationError):
            services.step_add(actor=personas.caseworker, version=draft, lock=draft.lock, **data)
    assert draft.steps.count() == 0
    with pytest.raises(ValidationError) as exc:
        services.plan_agree(actor=personas.caseworker, version=draft, lock=draft.lock, acknowledgement="paper")
    assert exc.value.code == "no_goal"
    with pytest.raises(services.StaleEdit):
        services.step_add(actor=personas.caseworker, version=draft, lock=draft.lock + 5, what="x")


def test_partner_hook_blocks_steps_and_signing(personas, own_participant, monkeypatch, today):
    from wegweiser.accounts.models import Organisation
    from wegweiser.partners.services import consent_record

    ngo = Organisation.objects.get(name="Hilfsorganisation Test")
    # The partners app decides: a network partner needs the participant's consent first.
    assert hooks.partner_allowed(own_participant, "Hilfsorganisation Test") is False
    assert hooks.partner_allowed(own_participant, "Beratungsstelle außerhalb des Systems") is True
    consent_record(actor=personas.caseworker, participant=own_participant, organisation=ngo, purpose="referral",
                   method="in_person", language="ar")
    assert hooks.partner_allowed(own_participant, "Hilfsorganisation Test") is True
    draft = services.plan_draft_create(actor=personas.caseworker, participant=own_participant)
    services.plan_goal_update(actor=personas.caseworker, version=draft, lock=draft.lock, goal_label="Arbeit",
                              review_on=today + dt.timedelta(days=10))
    draft.refresh_from_db()
    services.step_add(actor=personas.caseworker, version=draft, lock=draft.lock, what="Beratung",
                      responsible="partner", partner_name="Hilfsorganisation Test")
    draft.refresh_from_db()
    monkeypatch.setattr(hooks, "partner_allowed", lambda participant, organisation: False)
    with pytest.raises(ValidationError) as exc:
        services.plan_agree(actor=personas.caseworker, version=draft, lock=draft.lock, acknowledgement="paper")
    assert exc.value.code == "partner_consent"


def test_draft_from_accepted_recommendation(personas, own_participant, accepted, module):
    draft = services.plan_draft_from_recommendation(actor=personas.caseworker, participant=own_participant,
                                                    uri=CARPENTER)
    assert draft.goal_kind == "occupation" and draft.goal_occupation_uri == CARPENTER
    assert draft.goal_label == "Zimmerer/Zimmerin"
    step = draft.steps.get()
    assert step.module == module and step.what == module.title and step.recommendation_uri == CARPENTER
    # A second click does not duplicate the course.
    services.plan_draft_from_recommendation(actor=personas.caseworker, participant=own_participant, uri=CARPENTER)
    assert draft.steps.count() == 1


def test_draft_from_recommendation_needs_acceptance(personas, own_participant, accepted):
    accepted.action = "dismissed"
    accepted.save()
    with pytest.raises(ValidationError):
        services.plan_draft_from_recommendation(actor=personas.caseworker, participant=own_participant,
                                                uri=CARPENTER)
    assert not PlanVersion.objects.exists()


def test_step_links_a_referral_of_the_same_participant_only(personas, own_participant, today, other_org_participant):
    from wegweiser.accounts.models import Organisation
    from wegweiser.partners.services import consent_record, referral_create

    ngo = Organisation.objects.get(name="Hilfsorganisation Test")
    consent_record(actor=personas.caseworker, participant=own_participant, organisation=ngo, purpose="referral",
                   method="in_person", language="de")
    referral = referral_create(actor=personas.caseworker, participant=own_participant, organisation=ngo,
                               shared_fields=["name", "languages"])
    draft = services.plan_draft_create(actor=personas.caseworker, participant=own_participant)
    step = services.step_add(actor=personas.caseworker, version=draft, lock=draft.lock, what="Beratung bei der IRC",
                             responsible="partner", partner_name="Hilfsorganisation Test", referral=referral)
    assert step.referral == referral
    draft.refresh_from_db()
    other = type(referral)(participant=other_org_participant, organisation=ngo)
    with pytest.raises(ValidationError):
        services.step_add(actor=personas.caseworker, version=draft, lock=draft.lock, what="x", referral=other)

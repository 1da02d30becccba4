"""Writes. Every change goes through one of these functions: access via `participants.policy`,
one transaction, one audit row per change. Frozen versions are refused here and again in the model."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.audit.services import audit_record
from wegweiser.participants import policy
from wegweiser.participants.models import Participant
from wegweiser.privacy.guard import ensure_not_restricted

from . import hooks, selectors
from .models import FrozenVersion, Plan, PlanVersion, Step

STEP_COPY_FIELDS = ("key", "position", "kind", "what", "what_translation", "responsible", "partner_organisation_id",
                    "partner_name", "due_on", "status", "drop_reason", "module_id", "enrolment_id",
                    "recommendation_uri", "referral_id")
STEP_EDIT_FIELDS = ("kind", "what", "what_translation", "responsible", "partner_organisation", "partner_name",
                    "due_on", "status", "drop_reason", "module", "enrolment", "recommendation_uri", "referral")
GOAL_FIELDS = ("goal_kind", "goal_occupation_uri", "goal_label", "goal_translation", "review_on")


class StaleEdit(ValidationError):
    def __init__(self) -> None:
        super().__init__(_("Der Entwurf wurde inzwischen geändert. Bitte neu laden und noch einmal versuchen."),
                         code="stale")


class PastDueNeedsConfirmation(ValidationError):
    def __init__(self, due_on: dt.date) -> None:
        super().__init__(
            _("Das Datum %(date)s liegt in der Vergangenheit. Bitte bestätigen, wenn das so gewollt ist.")
            % {"date": due_on.strftime("%d.%m.%Y")}, code="past_due")


def _participant(actor: Any, participant: Participant) -> Participant:
    """The file for a plan change (every staff write below starts here): checked and not restricted."""
    participant = policy.get_participant(actor, participant.pk, "change")
    ensure_not_restricted(participant)
    return participant


def _draft(actor: Any, version: PlanVersion, lock: int | None = None) -> PlanVersion:
    """Re-read the version under a row lock; refuse frozen or stale ones."""
    _participant(actor, version.plan.participant)
    fresh = PlanVersion.objects.select_for_update().select_related("plan__participant").get(pk=version.pk)
    if fresh.status != PlanVersion.Status.DRAFT:
        raise FrozenVersion()
    if lock is not None and fresh.lock != lock:
        raise StaleEdit()
    return fresh


def _bump(version: PlanVersion) -> None:
    PlanVersion.objects.filter(pk=version.pk).update(lock=version.lock + 1)
    version.lock += 1


def _check_partner(participant: Participant, data: dict[str, Any]) -> None:
    if data.get("responsible") != Step.Responsible.PARTNER:
        return
    organisation = data.get("partner_organisation")
    name = (data.get("partner_name") or "").strip()
    if organisation is None and not name:
        raise ValidationError(_("Bitte die Partnerorganisation angeben."), code="partner_missing")
    if not hooks.partner_allowed(participant, organisation or name):
        raise ValidationError(_("Für diese Partnerorganisation liegt keine Einwilligung der Person vor."),
                              code="partner_consent")


def _check_step(participant: Participant, data: dict[str, Any]) -> None:
    if not (data.get("what") or "").strip():
        raise ValidationError(_("Bitte beschreiben, was zu tun ist."), code="what_missing")
    if data.get("status") == Step.Status.DROPPED and not (data.get("drop_reason") or "").strip():
        raise ValidationError(_("Bitte einen Grund angeben, warum der Schritt entfällt."), code="drop_reason")
    module = data.get("module")
    if module is not None and module.organisation_id != participant.organisation_id:
        raise ValidationError(_("Unbekannter Kurs."), code="module")
    enrolment = data.get("enrolment")
    if enrolment is not None and enrolment.participant_id != participant.pk:
        raise ValidationError(_("Diese Kursanmeldung gehört nicht zu dieser Person."), code="enrolment")
    referral = data.get("referral")
    if referral is not None and referral.participant_id != participant.pk:
        raise ValidationError(_("Diese Vermittlung gehört nicht zu dieser Person."), code="referral")
    _check_partner(participant, data)


def _next_number(plan: Plan) -> int:
    return (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1


def _copy_into(draft: PlanVersion, base: PlanVersion) -> None:
    for name in GOAL_FIELDS:
        setattr(draft, name, getattr(base, name))
    draft.save()
    Step.objects.bulk_create([Step(version=draft, **{f: getattr(s, f) for f in STEP_COPY_FIELDS})
                              for s in base.steps.all()])


def plan_draft_create(*, actor: Any, participant: Participant) -> PlanVersion:
    """Open a new draft: a copy of the newest signed version, or an empty first version."""
    participant = _participant(actor, participant)
    with transaction.atomic():
        plan, _created = Plan.objects.select_for_update().get_or_create(
            participant=participant, defaults={"organisation_id": participant.organisation_id})
        if plan.versions.filter(status__in=selectors.OPEN_STATUSES).exists():
            raise ValidationError(_("Es gibt schon einen offenen Entwurf oder eine Version, die auf die "
                                    "Bestätigung wartet."), code="open_exists")
        base = selectors.base_version(plan)
        draft = PlanVersion.objects.create(plan=plan, number=_next_number(plan), created_by=actor, based_on=base)
        if base is not None:
            _copy_into(draft, base)
        audit_record(actor=actor, action="create", obj=draft, fields=["number"],
                     detail=f"participant={participant.pk} based_on={base.number if base else '-'}")
    return draft


def plan_draft_from_recommendation(*, actor: Any, participant: Participant, uri: str) -> PlanVersion:
    """One click: goal = the accepted recommendation's occupation, steps = its next steps (courses).

    Uses the draft if one is open (goal replaced, steps appended unless the course is already in it),
    else opens a new draft. The next steps come from the advice as last computed (the cached set that
    the caseworker accepted from); if the occupation is no longer in it, only the goal is set.
    """
    from wegweiser.programmes.models import Module
    from wegweiser.recommendations.models import RecommendationSet

    participant = _participant(actor, participant)
    accepted = {fb.occupation_uri: fb for fb in selectors.accepted_recommendations(participant)}
    if uri not in accepted:
        raise ValidationError(_("Diese Empfehlung wurde nicht übernommen."), code="not_accepted")
    feedback = accepted[uri]
    cached = RecommendationSet.objects.filter(participant=participant).first()
    rec = next((r for r in (cached.results if cached else []) if r.get("uri") == uri), None)
    with transaction.atomic():
        open_ = selectors.open_version(participant)
        if open_ is not None and open_.status != PlanVersion.Status.DRAFT:
            raise ValidationError(_("Eine unterschriebene Version wartet auf die Bestätigung der Person. "
                                    "Bitte zuerst zurückziehen."), code="awaiting")
        draft = open_ or plan_draft_create(actor=actor, participant=participant)
        draft = _draft(actor, draft)
        draft.goal_kind = PlanVersion.GoalKind.OCCUPATION
        draft.goal_occupation_uri = uri
        draft.goal_label = (rec or {}).get("label") or feedback.label
        draft.goal_translation = ""
        draft.source_recommendation_uri = uri
        draft.save()
        have = set(draft.steps.exclude(module=None).values_list("module_id", flat=True))
        position = (draft.steps.aggregate(p=Max("position"))["p"] or 0) + 1
        module_ids = [int(s["module"]) for s in (rec or {}).get("next_steps", []) if str(s.get("module")).isdigit()]
        modules = Module.objects.in_bulk(module_ids)
        new_steps = []
        for step in (rec or {}).get("next_steps", []):
            module = modules.get(int(step["module"])) if str(step.get("module")).isdigit() else None
            if module is None or module.organisation_id != participant.organisation_id or module.pk in have:
                continue
            have.add(module.pk)
            german = bool(getattr(module, "teaches_german_level", ""))
            new_steps.append(Step(
                version=draft, position=position, what=module.title[:300], module=module, recommendation_uri=uri,
                kind=Step.Kind.LANGUAGE if german else Step.Kind.COURSE,
                responsible=Step.Responsible.PARTICIPANT,
            ))
            position += 1
        Step.objects.bulk_create(new_steps)
        _bump(draft)
        audit_record(actor=actor, action="update", obj=draft, fields=["goal", "steps"],
                     detail=f"participant={participant.pk} from_recommendation steps+{len(new_steps)}")
    return draft


def plan_goal_update(*, actor: Any, version: PlanVersion, lock: int, **changes: Any) -> PlanVersion:
    unknown = set(changes) - set(GOAL_FIELDS)
    if unknown:
        raise ValueError(f"not goal fields: {sorted(unknown)}")
    with transaction.atomic():
        draft = _draft(actor, version, lock)
        if changes.get("goal_kind") == PlanVersion.GoalKind.FREE:
            changes.setdefault("goal_occupation_uri", "")
        if changes.get("review_on") and changes["review_on"] < timezone.localdate():
            raise ValidationError(_("Der Überprüfungstermin darf nicht in der Vergangenheit liegen."),
                                  code="review_past")
        for name, value in changes.items():
            setattr(draft, name, value)
        draft.save()
        _bump(draft)
        audit_record(actor=actor, action="update", obj=draft, fields=sorted(changes))
    return draft


def step_add(*, actor: Any, version: PlanVersion, lock: int, confirm_past_due: bool = False,
             **data: Any) -> Step:
    """Add a step to a draft. A due date in the past needs `confirm_past_due`."""
    with transaction.atomic():
        draft = _draft(actor, version, lock)
        participant = draft.plan.participant
        data.setdefault("status", Step.Status.OPEN)
        _check_step(participant, data)
        due_on = data.get("due_on")
        if due_on is not None and due_on < timezone.localdate() and not confirm_past_due:
            raise PastDueNeedsConfirmation(due_on)
        position = (draft.steps.aggregate(p=Max("position"))["p"] or 0) + 1
        step = Step(version=draft, position=position, **{k: v for k, v in data.items() if k in STEP_EDIT_FIELDS})
        step.save()
        _bump(draft)
        audit_record(actor=actor, action="create", obj=step, fields=sorted(data),
                     detail=f"participant={participant.pk} version={draft.number}")
    return step


def step_update(*, actor: Any, step: Step, lock: int, confirm_past_due: bool = False, **data: Any) -> Step:
    """Change a step of a draft. Moving a due date into the past needs `confirm_past_due`."""
    with transaction.atomic():
        draft = _draft(actor, step.version, lock)
        participant = draft.plan.participant
        step = Step.objects.get(pk=step.pk, version=draft)
        merged = {name: getattr(step, name) for name in STEP_EDIT_FIELDS} | data
        _check_step(participant, merged)
        due_on = data.get("due_on")
        if (due_on is not None and due_on != step.due_on and due_on < timezone.localdate()
                and not confirm_past_due):
            raise PastDueNeedsConfirmation(due_on)
        changed = [name for name, value in data.items() if name in STEP_EDIT_FIELDS and getattr(step, name) != value]
        for name in changed:
            setattr(step, name, data[name])
        step.save()
        _bump(draft)
        audit_record(actor=actor, action="update", obj=step, fields=changed,
                     detail=f"participant={participant.pk} version={draft.number}")
    return step


def step_remove(*, actor: Any, step: Step, lock: int) -> None:
    with transaction.atomic():
        draft = _draft(actor, step.version, lock)
        step = Step.objects.get(pk=step.pk, version=draft)
        audit_record(actor=actor, action="delete", obj=step, fields=["what"],
                     detail=f"participant={draft.plan.participant_id} version={draft.number}")
        step.delete()
        _bump(draft)


def plan_agree(*, actor: Any, version: PlanVersion, lock: int, acknowledgement: str) -> PlanVersion:
    """The caseworker signs the draft, which freezes it.

    `acknowledgement` says how the participant agrees: "paper" (they signed the printout now; the
    version is agreed at once) or "selfservice" (the version waits for them to confirm on their phone).
    """
    if acknowledgement not in (PlanVersion.Acknowledgement.PAPER, PlanVersion.Acknowledgement.SELFSERVICE):
        raise ValidationError(_("Bitte angeben, wie die Person zustimmt."), code="ack")
    with transaction.atomic():
        draft = _draft(actor, version, lock)
        participant = draft.plan.participant
        steps = list(draft.steps.select_related("partner_organisation"))
        if not draft.goal_label.strip():
            raise ValidationError(_("Ohne Integrationsziel kann der Plan nicht vereinbart werden."), code="no_goal")
        if not steps:
            raise ValidationError(_("Ohne Schritte kann der Plan nicht vereinbart werden."), code="no_steps")
        if draft.review_on is None or draft.review_on < timezone.localdate():
            raise ValidationError(_("Bitte einen Überprüfungstermin in der Zukunft festlegen."), code="review")
        for step in steps:
            _check_partner(participant, {"responsible": step.responsible, "partner_name": step.partner_name,
                                         "partner_organisation": step.partner_organisation})
        now = timezone.now()
        draft.signed_by, draft.signed_at = actor, now
        if acknowledgement == PlanVersion.Acknowledgement.PAPER:
            draft.status = PlanVersion.Status.AGREED
            draft.participant_ack, draft.participant_ack_at = PlanVersion.Acknowledgement.PAPER, now
            draft.participant_ack_recorded_by, draft.agreed_on = actor, timezone.localdate()
        else:
            draft.status = PlanVersion.Status.AWAITING
        draft.lock += 1
        draft.save()
        audit_record(actor=actor, action="update", obj=draft, fields=["status", "signed_by"],
                     detail=f"participant={participant.pk} signed ack={acknowledgement}")
    return draft


def _finish_agreement(version: PlanVersion, how: str, recorded_by: Any) -> PlanVersion:
    version.status = PlanVersion.Status.AGREED
    version.participant_ack, version.participant_ack_at = how, timezone.now()
    version.participant_ack_recorded_by, version.agreed_on = recorded_by, timezone.localdate()
    version.save(update_fields=["status", "participant_ack", "participant_ack_at", "participant_ack_recorded_by",
                                "agreed_on"])
    return version


def plan_acknowledge(*, participant: Participant, version: PlanVersion) -> PlanVersion:
    """The participant confirms the signed version in self-service (no staff actor)."""
    ensure_not_restricted(participant)
    with transaction.atomic():
        fresh = PlanVersion.objects.select_for_update().select_related("plan").get(pk=version.pk)
        if fresh.plan.participant_id != participant.pk or fresh.status != PlanVersion.Status.AWAITING:
            raise ValidationError(_("Diese Version kann nicht bestätigt werden."), code="not_awaiting")
        _finish_agreement(fresh, PlanVersion.Acknowledgement.SELFSERVICE, None)
        audit_record(actor=None, action="update", obj=fresh, fields=["status", "participant_ack"],
                     detail=f"participant:{participant.pk} acknowledged in self-service",
                     organisation_id=participant.organisation_id)
    return fresh


def plan_record_paper_acknowledgement(*, actor: Any, version: PlanVersion) -> PlanVersion:
    """The person signed the printout after all (instead of confirming on the phone)."""
    _participant(actor, version.plan.participant)
    with transaction.atomic():
        fresh = PlanVersion.objects.select_for_update().get(pk=version.pk)
        if fresh.status != PlanVersion.Status.AWAITING:
            raise ValidationError(_("Diese Version wartet auf keine Bestätigung."), code="not_awaiting")
        _finish_agreement(fresh, PlanVersion.Acknowledgement.PAPER, actor)
        audit_record(actor=actor, action="update", obj=fresh, fields=["status", "participant_ack"],
                     detail="paper acknowledgement recorded")
    return fresh


def plan_withdraw(*, actor: Any, version: PlanVersion) -> PlanVersion:
    """Withdraw a signed version the participant has not confirmed yet (e.g. to correct it)."""
    _participant(actor, version.plan.participant)
    with transaction.atomic():
        fresh = PlanVersion.objects.select_for_update().get(pk=version.pk)
        if fresh.status != PlanVersion.Status.AWAITING:
            raise ValidationError(_("Nur eine Version, die auf die Bestätigung wartet, kann zurückgezogen werden."),
                                  code="not_awaiting")
        fresh.status, fresh.withdrawn_at = PlanVersion.Status.WITHDRAWN, timezone.now()
        fresh.save(update_fields=["status", "withdrawn_at"])
        audit_record(actor=actor, action="update", obj=fresh, fields=["status"], detail="withdrawn")
    return fresh


def plan_draft_discard(*, actor: Any, version: PlanVersion) -> None:
    with transaction.atomic():
        draft = _draft(actor, version)
        audit_record(actor=actor, action="delete", obj=draft, fields=["number"],
                     detail=f"participant={draft.plan.participant_id} draft discarded")
        draft.steps.all().delete()
        draft.delete()

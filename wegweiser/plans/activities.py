"""The plan on the participant's self-service home page (/me/)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wegweiser.participants.models import Participant
from wegweiser.selfservice.activities import Activity, ActivityState, register

from .models import PlanVersion


def _state(participant: Participant) -> ActivityState:
    statuses = set(PlanVersion.objects.filter(plan__participant=participant)
                   .values_list("status", flat=True))
    if PlanVersion.Status.AWAITING in statuses:
        return ActivityState(_("Bitte lesen und bestätigen"))
    if PlanVersion.Status.AGREED in statuses:
        return ActivityState(_("Vereinbart"), done=True)
    return ActivityState("", available=False)


def register_all() -> None:
    register(Activity(
        key="plan", title=gettext_lazy("Mein Kooperationsplan"),
        description=gettext_lazy("Was wir gemeinsam vereinbart haben."),
        url=lambda p: reverse("plans:me"), state=_state, pictogram="plans/pictograms/plan.svg", order=5,
    ))

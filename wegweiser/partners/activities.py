"""The partners app's activity on the participant's self-service home page: my consents."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wegweiser.participants.models import Participant
from wegweiser.selfservice.activities import Activity, ActivityState, register

from .models import Consent


def _state(participant: Participant) -> ActivityState:
    statuses = list(Consent.objects.filter(participant=participant, status__in=["requested", "given"])
                    .values_list("status", flat=True))
    asked = statuses.count("requested")
    if asked:
        return ActivityState(_("%(n)s Fragen warten auf Ihre Antwort") % {"n": asked})
    return ActivityState(_("%(n)s Einwilligungen erteilt") % {"n": len(statuses)}, done=True,
                         available=bool(statuses))


def register_all() -> None:
    register(Activity(
        key="consents", title=gettext_lazy("Wer darf meine Daten bekommen?"),
        description=gettext_lazy("Ihre Einwilligungen ansehen, erteilen oder widerrufen."),
        url=lambda p: reverse("partners:me_consents"), state=_state,
        pictogram="partners/consent.svg", order=50,
    ))

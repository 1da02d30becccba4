"""The interests app's activities on the participant's self-service home page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wegweiser.participants.models import Participant
from wegweiser.selfservice.activities import Activity, ActivityState, register

from . import items, selectors
from .neigungen import CONDITIONS


def _questionnaire_state(participant: Participant) -> ActivityState:
    open_set = selectors.answer_set_open_of(participant)
    if open_set is not None:
        return ActivityState(_("%(n)s von %(total)s beantwortet") % {"n": len(open_set.handled),
                                                                      "total": len(items.ORDER)})
    if selectors.answer_set_latest_completed(participant):
        return ActivityState(_("Fertig"), done=True)
    return ActivityState(_("Noch nicht begonnen"))


def _conditions_state(participant: Participant) -> ActivityState:
    prefs = selectors.preferences_of(participant)
    answered = sum(1 for c in CONDITIONS if prefs and getattr(prefs, c.key))
    if answered == len(CONDITIONS):
        return ActivityState(_("Fertig"), done=True)
    return ActivityState(_("%(n)s von %(total)s beantwortet") % {"n": answered, "total": len(CONDITIONS)})


def _skills_state(participant: Participant) -> ActivityState:
    n = len(selectors.skill_cards_of(participant))
    if n:
        return ActivityState(_("%(n)s Karten gewählt") % {"n": n}, done=True)
    return ActivityState(_("Noch nicht begonnen"))


def _result_state(participant: Participant) -> ActivityState:
    done = selectors.answer_set_latest_completed(participant) is not None
    return ActivityState(_("Ansehen"), done=done, available=done)


def register_all() -> None:
    register(Activity(
        key="interests", title=gettext_lazy("Was mache ich gern?"),
        description=gettext_lazy("60 kurze Fragen zu Tätigkeiten, etwa 10 Minuten."),
        url=lambda p: reverse("interests:questionnaire"), state=_questionnaire_state,
        pictogram="interests/pictograms/ui/interests.svg", order=10,
    ))
    register(Activity(
        key="conditions", title=gettext_lazy("Wie möchte ich arbeiten?"),
        description=gettext_lazy("5 Fragen: drinnen oder draußen, Schichten, Stunden."),
        url=lambda p: reverse("interests:condition", args=[1]), state=_conditions_state,
        pictogram="interests/pictograms/ui/conditions.svg", order=20,
    ))
    register(Activity(
        key="skills", title=gettext_lazy("Was kann ich?"),
        description=gettext_lazy("Karten antippen: Das kann ich."),
        url=lambda p: reverse("interests:skills"), state=_skills_state,
        pictogram="interests/pictograms/ui/skills.svg", order=30,
    ))
    register(Activity(
        key="result", title=gettext_lazy("Mein Ergebnis"),
        description=gettext_lazy("Was Ihre Antworten über Ihre Interessen sagen."),
        url=lambda p: reverse("interests:result"), state=_result_state,
        pictogram="interests/pictograms/ui/result.svg", order=40,
    ))

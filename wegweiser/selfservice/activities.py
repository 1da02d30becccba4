"""What the participant can do on the self-service home page. Other apps register their activities
in their AppConfig.ready(); the self-service app knows none of them by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from wegweiser.participants.models import Participant


@dataclass(frozen=True)
class ActivityState:
    label: str | Promise  # e.g. "12 of 60 answered"
    done: bool = False
    available: bool = True


@dataclass(frozen=True)
class Activity:
    key: str
    title: str | Promise
    description: str | Promise
    url: Callable[[Participant], str]
    state: Callable[[Participant], ActivityState]
    pictogram: str  # static path of an SVG
    order: int = 100


@dataclass(frozen=True)
class ActivityEntry:
    activity: Activity
    url: str
    state: ActivityState


_registry: dict[str, Activity] = {}


def register(activity: Activity) -> None:
    _registry[activity.key] = activity


def activities_for(participant: Participant) -> list[ActivityEntry]:
    entries = []
    for activity in sorted(_registry.values(), key=lambda a: (a.order, a.key)):
        state = activity.state(participant)
        if state.available:
            entries.append(ActivityEntry(activity, activity.url(participant), state))
    return entries

"""The short "Neigungen" part: preferred working conditions and "I can …" cards.

Each card stores the URI of the ESCO skill it stands for, so the competence profile and the
recommendations can use it like any other ESCO skill.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ESCO_SKILL = "http://data.europa.eu/esco/skill/"


@dataclass(frozen=True)
class Option:
    value: str
    label: str | Promise
    pictogram: str  # file name under interests/pictograms/conditions/


@dataclass(frozen=True)
class Condition:
    key: str  # field name on WorkPreferences
    question: str | Promise
    options: tuple[Option, ...]


CONDITIONS: tuple[Condition, ...] = (
    Condition("place", _("Wo arbeiten Sie am liebsten?"), (
        Option("indoors", _("Drinnen"), "indoors"),
        Option("outdoors", _("Draußen"), "outdoors"),
        Option("both", _("Beides ist gut"), "both-places"),
    )),
    Condition("focus", _("Womit arbeiten Sie am liebsten?"), (
        Option("people", _("Mit Menschen"), "people"),
        Option("things", _("Mit Dingen und Maschinen"), "things"),
        Option("data", _("Mit Zahlen und Texten"), "data"),
        Option("any", _("Das ist mir egal"), "any"),
    )),
    Condition("physical", _("Möchten Sie körperlich arbeiten?"), (
        Option("yes", _("Ja, gern"), "physical-yes"),
        Option("some", _("Ein wenig"), "physical-some"),
        Option("no", _("Lieber nicht"), "physical-no"),
    )),
    Condition("shifts", _("Können Sie in Schichten arbeiten (früh, spät, nachts)?"), (
        Option("yes", _("Ja"), "shifts-yes"),
        Option("day", _("Nur tagsüber"), "shifts-day"),
        Option("no", _("Nein"), "shifts-no"),
    )),
    Condition("hours", _("Wie viele Stunden möchten Sie arbeiten?"), (
        Option("full", _("Vollzeit"), "hours-full"),
        Option("part", _("Teilzeit"), "hours-part"),
        Option("either", _("Beides geht"), "hours-either"),
    )),
)
CONDITIONS_BY_KEY: dict[str, Condition] = {c.key: c for c in CONDITIONS}


@dataclass(frozen=True)
class Card:
    key: str
    label: str | Promise  # "Ich kann …" completes it
    esco_skill_uri: str
    esco_label_en: str  # for the caseworker and for tests against the taxonomy

    @property
    def pictogram(self) -> str:
        return f"interests/pictograms/cards/{self.key}.svg"


CARDS: tuple[Card, ...] = (
    Card("drive", _("Auto fahren"), ESCO_SKILL + "2a82241a-216e-44d8-bb50-6b9a0ef82084", "drive vehicles"),
    Card("cook", _("für viele Menschen kochen"), ESCO_SKILL + "f3934441-4bff-4076-9945-e6c51a01c467",
         "use cooking techniques"),
    Card("repair", _("Dinge reparieren"), ESCO_SKILL + "c0fc7d2d-d013-40d7-bc58-75cf3771153f",
         "perform minor repairs to equipment"),
    Card("children", _("Kinder betreuen"), ESCO_SKILL + "f8d4a24c-fb62-444e-9525-7aa5662f440d",
         "supervise children"),
    Card("elderly", _("ältere Menschen pflegen"), ESCO_SKILL + "261e740b-d32d-4356-94a8-3ea29128b70b",
         "tend to elderly people"),
    Card("sell", _("verkaufen"), ESCO_SKILL + "29a50780-f81b-429c-b410-7f23a492e19d", "sell products"),
    Card("computer", _("mit dem Computer arbeiten"), ESCO_SKILL + "d15ce60f-ddab-41ce-ba56-398451b77b60",
         "have computer literacy"),
    Card("clean", _("putzen und sauber halten"), ESCO_SKILL + "7bb01a18-4637-4535-ba18-258f48f705b8",
         "clean rooms"),
    Card("sew", _("nähen"), ESCO_SKILL + "0d207bf2-b0dd-4a36-933f-d2cd3da2933d", "sew textile-based articles"),
    Card("plants", _("Pflanzen anbauen"), ESCO_SKILL + "c5f255ef-02d3-4ab0-a652-2bf055d1d493", "grow plants"),
    Card("animals", _("Tiere versorgen"), ESCO_SKILL + "5b1d43d1-e063-4d07-8ba1-6f08d4e46279", "feed livestock"),
    Card("languages", _("mehrere Sprachen sprechen"), ESCO_SKILL + "2de4572a-4724-4f76-afc2-72a568a264ac",
         "speak different languages"),
)
CARDS_BY_KEY: dict[str, Card] = {c.key: c for c in CARDS}

"""Hooks other apps fill in later.

`partner_allowed(participant, organisation)` decides whether a plan step may name a partner
organisation. The partners issue (consent management) replaces the body: once consent records exist,
a step may reference a partner only if the participant consented to sharing with that organisation for
the purpose "Kooperationsplan". Until then every partner is allowed. The services call it when a step
is added or changed and again when a draft is signed, so a consent withdrawn in between blocks signing.
"""

from __future__ import annotations

from typing import Any


def partner_allowed(participant: Any, organisation: Any) -> bool:
    """May a plan step of `participant` name `organisation` (an Organisation or, for a partner not in
    the system, its name)? Decided by the partners app from referrals and consent."""
    from wegweiser.partners.services import plan_partner_allowed

    return plan_partner_allowed(participant, organisation)

"""Small helpers shared by tests."""

from __future__ import annotations

from typing import Any


def participant_form_data(p: Any, **overrides: Any) -> dict[str, Any]:
    """The POST body the edit form would send for participant `p` unchanged."""
    data = {
        "version": p.version, "customer_number": p.customer_number, "given_name": p.given_name,
        "family_name": p.family_name, "given_name_original": p.given_name_original,
        "family_name_original": p.family_name_original,
        "birth_date": p.birth_date.isoformat() if p.birth_date else "",
        "birth_date_precision": p.birth_date_precision, "gender": p.gender, "nationalities": p.nationalities,
        "phone": p.phone, "municipality": p.municipality, "preferred_language": p.preferred_language,
        "residence_status": p.residence_status,
        "residence_valid_until": p.residence_valid_until.isoformat() if p.residence_valid_until else "",
        "work_permission": p.work_permission, "driving_licence": p.driving_licence,
        "uses_public_transport": "on" if p.uses_public_transport else "", "working_time": p.working_time,
        "health_restrictions": p.health_restrictions, "phase": p.phase, "exit_reason": p.exit_reason,
        "exit_date": p.exit_date.isoformat() if p.exit_date else "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}

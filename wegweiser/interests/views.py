"""Questionnaire, Neigungen and result for the participant (self-service), and the caseworker's view."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_GET, require_http_methods

from wegweiser.participants import services as participant_services
from wegweiser.selfservice.access import ParticipantRequest, participant_required

from . import items, scoring, selectors, services
from .models import AnswerSet
from .neigungen import CARDS, CONDITIONS

TOTAL = len(items.ORDER)


def _own_open_set(request: ParticipantRequest, set_id: int) -> AnswerSet:
    """The participant's own answer set; anyone else's (or none) is 404."""
    answer_set = AnswerSet.objects.filter(pk=set_id, participant=request.participant).first()
    if answer_set is None:
        raise Http404
    return answer_set


def _next_position(answer_set: AnswerSet) -> int | None:
    """1-based position of the first item neither answered nor skipped."""
    handled = answer_set.handled
    for position, item_id in enumerate(items.ORDER, start=1):
        if item_id not in handled:
            return position
    return None


# --- questionnaire ---------------------------------------------------------------------------


@participant_required
@require_http_methods(["GET", "POST"])
def questionnaire(request: ParticipantRequest) -> HttpResponse:
    """Introduction; POST starts a new answer set or resumes the open one where it stopped."""
    if request.method == "POST":
        answer_set = services.answer_set_open(participant=request.participant,
                                              language=translation.get_language() or "")
        position = _next_position(answer_set)
        if position is None:
            return redirect("interests:review", set_id=answer_set.pk)
        return redirect("interests:question", set_id=answer_set.pk, position=position)
    return render(request, "interests/questionnaire_intro.html", {
        "open_set": selectors.answer_set_open_of(request.participant),
        "finished": selectors.answer_set_latest_completed(request.participant),
        "total": TOTAL,
    })


@participant_required
@require_http_methods(["GET", "POST"])
def question(request: ParticipantRequest, set_id: int, position: int) -> HttpResponse:
    answer_set = _own_open_set(request, set_id)
    if not 1 <= position <= TOTAL:
        raise Http404
    if answer_set.completed_at is not None:
        return redirect("interests:result")
    item = items.ITEMS_BY_ID[items.ORDER[position - 1]]
    if request.method == "POST":
        raw = request.POST.get("answer", "")
        value: int | None
        if raw == "skip":
            value = None
        elif raw.isdigit() and int(raw) in scoring.ANSWER_VALUES:
            value = int(raw)
        else:
            return redirect("interests:question", set_id=answer_set.pk, position=position)
        services.answer_record(answer_set=answer_set, item_id=item.id, value=value)
        if position == TOTAL:
            return redirect("interests:review", set_id=answer_set.pk)
        return redirect("interests:question", set_id=answer_set.pk, position=position + 1)
    return render(request, "interests/question.html", {
        "answer_set": answer_set,
        "item": item,
        "position": position,
        "total": TOTAL,
        "current": answer_set.answers.get(item.id),
        "skipped": item.id in answer_set.skipped,
        "scale": items.SCALE,
    })


@participant_required
@require_http_methods(["GET", "POST"])
def review(request: ParticipantRequest, set_id: int) -> HttpResponse:
    """End of the questions: finish, or go back to skipped ones if a scale has too few answers."""
    answer_set = _own_open_set(request, set_id)
    if answer_set.completed_at is not None:
        return redirect("interests:result")
    profile = selectors.profile_of(answer_set)
    if request.method == "POST":
        services.answer_set_complete(answer_set=answer_set)
        return redirect("interests:result")
    first_open = _next_position(answer_set)
    skipped_positions = [items.ORDER.index(i) + 1 for i in answer_set.skipped if i in items.ORDER]
    missing_positions = sorted(
        p for p in skipped_positions if items.ITEM_DIMENSIONS[items.ORDER[p - 1]] in profile.missing
    )
    return render(request, "interests/review.html", {
        "answer_set": answer_set,
        "profile": profile,
        "first_open": first_open,
        "missing_positions": missing_positions,
        "total": TOTAL,
        "min_answers": scoring.MIN_ANSWERS_PER_SCALE,
    })


def _result_context(profile: scoring.InterestProfile, language: str) -> dict[str, Any]:
    top = list(profile.code or "")
    scales = [
        {"letter": s.dimension, "dimension": items.DIMENSIONS[s.dimension], "score": s.score,
         "top": s.dimension in top}
        for s in profile.scales
    ]
    vector = profile.vector()
    examples = selectors.example_occupations(vector, language) if vector and profile.code else []
    return {
        "profile": profile,
        "scales": scales,
        "code_dimensions": [items.DIMENSIONS[letter] for letter in top],
        "examples": examples,
        "max_score": scoring.MAX_SCALE_SCORE,
    }


@participant_required
@require_GET
def result(request: ParticipantRequest) -> HttpResponse:
    answer_set = selectors.answer_set_latest_completed(request.participant)
    if answer_set is None:
        return redirect("interests:questionnaire")
    profile = selectors.profile_of(answer_set)
    context = _result_context(profile, translation.get_language() or "de")
    context.update(answer_set=answer_set, attribution=items.ATTRIBUTION)
    return render(request, "interests/result.html", context)


# --- Neigungen -------------------------------------------------------------------------------


@participant_required
@require_http_methods(["GET", "POST"])
def condition(request: ParticipantRequest, step: int) -> HttpResponse:
    if not 1 <= step <= len(CONDITIONS):
        raise Http404
    cond = CONDITIONS[step - 1]
    prefs = selectors.preferences_of(request.participant)
    if request.method == "POST":
        value = request.POST.get("value", "")
        if value:
            try:
                services.preference_set(participant=request.participant, key=cond.key, value=value,
                                        language=translation.get_language() or "")
            except ValueError:
                return redirect("interests:condition", step=step)
        if step == len(CONDITIONS):
            return redirect("interests:skills")
        return redirect("interests:condition", step=step + 1)
    return render(request, "interests/condition.html", {
        "condition": cond,
        "current": getattr(prefs, cond.key, "") if prefs else "",
        "step": step,
        "total": len(CONDITIONS),
    })


@participant_required
@require_http_methods(["GET", "POST"])
def skills(request: ParticipantRequest) -> HttpResponse:
    if request.method == "POST":
        services.skill_cards_save(participant=request.participant, cards=request.POST.getlist("card"),
                                  other_skills=request.POST.get("other_skills", ""),
                                  language=translation.get_language() or "")
        return redirect("interests:skills_saved")
    chosen = {card.card for card in selectors.skill_cards_of(request.participant)}
    prefs = selectors.preferences_of(request.participant)
    return render(request, "interests/skills.html", {
        "cards": CARDS, "chosen": chosen, "other_skills": prefs.other_skills if prefs else "",
        "max_length": services.MAX_FREE_TEXT,
    })


@participant_required
@require_GET
def skills_saved(request: ParticipantRequest) -> HttpResponse:
    return render(request, "interests/skills_saved.html", {
        "cards": [c for c in CARDS if c.key in {s.card for s in selectors.skill_cards_of(request.participant)}],
    })


# --- caseworker ------------------------------------------------------------------------------


@login_required
@require_GET
def participant_interests(request: HttpRequest, participant_id: int) -> HttpResponse:
    """Caseworker/admin (policy: view_full): date, every answer, scores, code, Neigungen, cards."""
    participant = participant_services.participant_view(actor=request.user, pk=participant_id, action="view_full")
    context = selectors.interest_summary_of(participant)
    answer_set = context["answer_set"]
    rows = []
    if answer_set is not None:
        for item_id in items.ORDER:
            item = items.ITEMS_BY_ID[item_id]
            value = answer_set.answers.get(item_id)
            rows.append({"item": item, "value": value, "label": items.SCALE_LABELS.get(value) if value else None})
    context.update(p=participant, rows=rows, min_answers=scoring.MIN_ANSWERS_PER_SCALE)
    if context["profile"] is not None and context["profile"].vector():
        with translation.override("de"):
            context["examples"] = selectors.example_occupations(context["profile"].vector(), "de")
    return render(request, "interests/participant_interests.html", context)

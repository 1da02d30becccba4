"""Browsable taxonomy: search, occupation and skill pages. Thin views over `selectors`.

The taxonomy holds no personal data, so every logged-in staff role may browse it.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from . import selectors
from .models import Occupation, Skill


def _ui_lang() -> str:
    return (get_language() or "de").split("-")[0]


@login_required
def taxonomy_index(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    version = selectors.taxonomy_current_version()
    result = selectors.occupations_search(query, version=version, lang=_ui_lang())
    return render(request, "taxonomy/taxonomy_index.html", {"result": result, "query": query, "version": version})


@login_required
def occupation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    occupation = get_object_or_404(Occupation.objects.select_related("last_version"), pk=pk)
    return render(request, "taxonomy/occupation_detail.html", {"detail": selectors.occupation_detail(occupation)})


@login_required
def skill_detail(request: HttpRequest, pk: int) -> HttpResponse:
    skill = get_object_or_404(Skill.objects.select_related("last_version"), pk=pk)
    return render(request, "taxonomy/skill_detail.html", {"detail": selectors.skill_detail(skill)})

"""Thin views: parse the request, call a selector or service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wegweiser.accounts.http import HtmxHttpRequest
from wegweiser.accounts.models import Role
from wegweiser.audit.selectors import audit_events_for_object

from . import competence, duplicates, policy, reference, selectors, services
from .forms import ENTRY_FORMS, ENTRY_TITLES, ContactNoteForm, MergeForm, ParticipantForm
from .models import Participant, Phase, Suggestion

STAFF_LIST_ROLES = (Role.ADMIN, Role.CASEWORKER)



def _filters(request: HtmxHttpRequest) -> selectors.ParticipantFilters:
    get = request.GET
    return selectors.ParticipantFilters(
        q=get.get("q", "")[:200],
        phase=get.get("phase", "") if get.get("phase", "") in Phase.values else "",
        nationality=get.get("nationality", "")[:2],
        permit_expiring=get.get("permit") == "1",
        no_contact=get.get("nocontact") == "1",
        mine=get.get("mine") == "1",
        sort=get.get("sort", "name"),
    )


@login_required
def dashboard(request: HtmxHttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.role not in STAFF_LIST_ROLES:
        return render(request, "participants/dashboard_other.html", {})
    summary = selectors.caseload_summary(user)
    return render(request, "participants/dashboard.html", {
        "summary": summary,
        "phases": [(value, label, summary.by_phase[value]) for value, label in Phase.choices],
        "expiring": selectors.permits_expiring_soon(user),
        "today": timezone.localdate(),
        "suggestion_progress": competence.suggestion_progress() if user.role == Role.ADMIN else None,
    })


@login_required
def participant_list(request: HtmxHttpRequest) -> HttpResponse:
    policy.require_role(request.user, *STAFF_LIST_ROLES)
    filters = _filters(request)
    page = Paginator(selectors.participants_filtered(request.user, filters), 50).get_page(request.GET.get("page"))
    context = {"page": page, "filters": filters, "phases": Phase.choices, "sorts": selectors.SORTS}
    template = "participants/_participant_table.html" if request.htmx else "participants/participant_list.html"
    return render(request, template, context)


def _participant_key(data: dict[str, Any]) -> duplicates.PersonKey:
    return duplicates.PersonKey(
        data.get("given_name") or "",
        data.get("family_name") or "",
        data.get("given_name_original") or "",
        data.get("family_name_original") or "",
        data.get("birth_date"),
        data.get("birth_date_precision") or "exact",
        tuple(data.get("nationalities") or ()),
    )


@login_required
def participant_create(request: HtmxHttpRequest) -> HttpResponse:
    if not policy.can_create(request.user):
        raise PermissionDenied
    form = ParticipantForm(request.POST or None, initial={"preferred_language": "de"})
    candidates: list[Any] = []
    if request.method == "POST":
        if form.is_valid():
            candidates = selectors.duplicate_candidates(request.user, _participant_key(form.cleaned_data))
            if request.htmx and request.POST.get("_check"):
                return render(request, "participants/_form_feedback.html", {"form": form, "candidates": candidates})
            if candidates and not request.POST.get("confirm_not_duplicate"):
                messages.warning(request, _("Mögliche Dubletten gefunden. Bitte prüfen und bestätigen."))
            else:
                try:
                    participant = services.participant_create(actor=request.user, **form.changed_values())
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(request, _("Akte angelegt."))
                    return redirect("participants:detail", pk=participant.pk)
        elif request.htmx and request.POST.get("_check"):
            return render(request, "participants/_form_feedback.html", {"form": form, "candidates": []})
    return render(request, "participants/participant_form.html", {
        "form": form, "candidates": candidates, "creating": True,
    })


@login_required
def participant_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    participant = services.participant_view(actor=request.user, pk=pk)
    sections = policy.visible_sections(request.user, participant)
    context: dict[str, Any] = {
        "p": participant,
        "sections": sections,
        "nationality_names": [reference.country_name(code) for code in participant.nationalities or ()],
    }
    context["languages"] = list(participant.languages.all())
    if "education" in sections:
        context.update(
            certificates=list(participant.certificates.all()),
            education=list(participant.education.all()),
            work=list(participant.work_history.all()),
            contacts=list(participant.contacts.select_related("author")[:50]),
            contact_form=ContactNoteForm(),
        )
        grouped = competence.suggestions_by_entry(participant)
        for section in ("work", "education"):
            for entry in context[section]:
                entry.suggestion_list = grouped.get((section, entry.pk), [])
        context["profile"] = competence.competence_profile(participant)
    template = "participants/participant_detail.html" if "identity" in sections else \
        "participants/participant_detail_limited.html"
    return render(request, template, context)


def _stale_message(request: HtmxHttpRequest, exc: services.StaleEdit) -> None:
    who = getattr(exc.current, "updated_by", None)
    messages.error(request, _("Die Akte wurde inzwischen von %(who)s geändert. Nichts wurde überschrieben – "
                              "bitte prüfen Sie die markierten Felder und speichern Sie erneut.")
                   % {"who": who or _("jemand anderem")})


@login_required
def participant_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    participant = policy.get_participant(request.user, pk, "change")
    show_health = policy.can(request.user, "view_health", participant)
    form = ParticipantForm(request.POST or None, instance=participant, show_health=show_health,
                           initial={"version": participant.version})
    conflicts: dict[str, Any] = {}
    if request.method == "POST" and form.is_valid():
        if request.htmx and request.POST.get("_check"):
            return render(request, "participants/_form_feedback.html", {"form": form, "candidates": []})
        version = form.cleaned_data.get("version") or 0
        try:
            services.participant_update(actor=request.user, participant=participant, version=version,
                                        **form.changed_values())
        except services.StaleEdit as exc:
            _stale_message(request, exc)
            conflicts = _conflict_rows(form, exc)
            form = ParticipantForm(_with_version(request, exc), instance=exc.current, show_health=show_health)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Änderungen gespeichert."))
            return redirect("participants:detail", pk=pk)
    elif request.method == "POST" and request.htmx and request.POST.get("_check"):
        return render(request, "participants/_form_feedback.html", {"form": form, "candidates": []})
    return render(request, "participants/participant_form.html", {
        "form": form, "p": participant, "conflicts": conflicts, "creating": False,
    })


def _with_version(request: HttpRequest, exc: services.StaleEdit) -> QueryDict:
    """The editor's input again, now against the current version, so a re-save is deliberate."""
    data = request.POST.copy()
    data["version"] = str(exc.current.version)  # type: ignore[attr-defined]
    return data


def _conflict_rows(form: Any, exc: services.StaleEdit) -> dict[str, Any]:
    return {
        name: {"label": form.fields[name].label if name in form.fields else name, "now": now, "yours": yours}
        for name, (now, yours) in exc.conflicts.items()
        if name != "health_restrictions" or name in form.fields
    }


def _section(section: str) -> type:
    if section not in ENTRY_FORMS:
        raise Http404
    return ENTRY_FORMS[section]


@login_required
def entry_form(request: HtmxHttpRequest, pk: int, section: str, entry_id: int | None = None) -> HttpResponse:
    form_class = _section(section)
    participant = policy.get_participant(request.user, pk, "change")
    instance = None
    if entry_id is not None:
        model = services.ENTRY_MODELS[section]
        instance = model.objects.filter(pk=entry_id, participant=participant).first()  # type: ignore[attr-defined]
        if instance is None:
            raise Http404
    form = form_class(request.POST or None, instance=instance,
                      initial={"version": instance.version if instance else None})
    conflicts: dict[str, Any] = {}
    if request.method == "POST" and form.is_valid():
        try:
            if instance is None:
                services.entry_create(actor=request.user, participant=participant, section=section,
                                      **form.changed_values())
            else:
                services.entry_update(actor=request.user, participant=participant, section=section,
                                      entry_id=instance.pk, version=form.cleaned_data.get("version") or 0,
                                      **form.changed_values())
        except services.StaleEdit as exc:
            _stale_message(request, exc)
            conflicts = _conflict_rows(form, exc)
            form = form_class(_with_version(request, exc), instance=exc.current)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Gespeichert."))
            return redirect(reverse("participants:detail", args=[pk]) + f"#{section}")
    return render(request, "participants/entry_form.html", {
        "form": form, "p": participant, "section": section, "title": ENTRY_TITLES[section],
        "entry": instance, "conflicts": conflicts,
    })


@login_required
@require_POST
def entry_delete(request: HtmxHttpRequest, pk: int, section: str, entry_id: int) -> HttpResponse:
    _section(section)
    participant = policy.get_participant(request.user, pk, "change")
    try:
        version = int(request.POST.get("version", "0"))
    except ValueError:
        version = 0
    try:
        services.entry_delete(actor=request.user, participant=participant, section=section,
                              entry_id=entry_id, version=version)
    except services.StaleEdit:
        messages.error(request, _("Der Eintrag wurde inzwischen geändert und nicht gelöscht."))
    else:
        messages.success(request, _("Eintrag gelöscht."))
    return redirect(reverse("participants:detail", args=[pk]) + f"#{section}")


@login_required
@require_POST
def contact_add(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    participant = policy.get_participant(request.user, pk, "add_contact")
    form = ContactNoteForm(request.POST)
    if form.is_valid():
        try:
            services.contact_note_add(actor=request.user, participant=participant, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
    contacts = list(participant.contacts.select_related("author")[:50])
    if request.htmx:
        return render(request, "participants/_contact_log.html", {
            "p": participant, "contacts": contacts, "contact_form": form if form.errors else ContactNoteForm(),
        })
    if form.errors:
        messages.error(request, _("Kontakt nicht gespeichert: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect(reverse("participants:detail", args=[pk]) + "#contacts")


@login_required
def access_log(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    participant = policy.get_participant(request.user, pk, "view_audit")
    events = audit_events_for_object(object_type="participants.participant", object_id=pk)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "participants/access_log.html", {"p": participant, "page": page})


@login_required
def participant_merge(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    keep = policy.get_participant(request.user, pk, "merge")
    form = MergeForm(request.POST or None, initial={"other": request.GET.get("other")})
    other: Participant | None = None
    if request.method == "POST" and form.is_valid():
        other = policy.get_participant(request.user, form.cleaned_data["other"], "merge")
        if request.POST.get("confirm"):
            try:
                services.participant_merge(actor=request.user, keep=keep, merge=other)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Akten zusammengeführt."))
                return redirect("participants:detail", pk=keep.pk)
    return render(request, "participants/participant_merge.html", {"p": keep, "form": form, "other": other})


@login_required
@require_POST
def suggestion_decide(request: HtmxHttpRequest, pk: int, suggestion_id: int, status: str) -> HttpResponse:
    participant = policy.get_participant(request.user, pk, "change")
    if status not in Suggestion.Status.values:
        raise Http404
    suggestion = competence.suggestion_decide(actor=request.user, participant=participant,
                                              suggestion_id=suggestion_id, status=status)
    if request.htmx:
        return render(request, "participants/_suggestion.html", {"p": participant, "s": suggestion})
    anchor = "work" if suggestion.work_entry_id else "education"
    return redirect(reverse("participants:detail", args=[pk]) + f"#{anchor}")

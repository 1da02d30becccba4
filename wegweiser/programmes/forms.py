"""Forms validate input only; the services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import Organisation, Role, User

from .models import Certification, Course, Enrolment, Kit, Module, Session, TrainerProfile

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ModuleForm(forms.ModelForm):
    skill_uris_text = forms.CharField(
        label=_("Lernziele: ESCO-Kompetenz-URIs (eine pro Zeile)"), required=False,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "ltr"}),
    )

    class Meta:
        model = Module
        fields = ["programme", "code", "title", "description", "provider", "entry_german_level",
                  "target_german_level", "prerequisites",
                  "prerequisites_note", "hours", "duration_weeks", "location", "funding_route",
                  "requires_certification", "active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = self.fields["programme"].queryset.filter(  # type: ignore[attr-defined]
            organisation_id=organisation_id)
        self.fields["prerequisites"].queryset = Module.objects.filter(  # type: ignore[attr-defined]
            organisation_id=organisation_id).exclude(pk=self.instance.pk)
        self.fields["provider"].queryset = Organisation.objects.exclude(  # type: ignore[attr-defined]
            kind=Organisation.Kind.FUNDER)
        if self.instance.pk:
            self.fields["skill_uris_text"].initial = "\n".join(self.instance.skill_uris or [])

    def clean_skill_uris_text(self) -> list[str]:
        uris = [line.strip() for line in self.cleaned_data["skill_uris_text"].splitlines() if line.strip()]
        bad = [u for u in uris if not u.startswith("http://data.europa.eu/esco/skill/")]
        if bad:
            raise forms.ValidationError(_("Keine ESCO-Kompetenz-URI: %(uris)s") % {"uris": ", ".join(bad[:3])})
        return list(dict.fromkeys(uris))

    def service_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "prerequisites"}
        data["skill_uris"] = self.cleaned_data["skill_uris_text"]
        return data


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = ["module", "code", "title", "start_date", "end_date", "location", "capacity",
                  "language_of_instruction"]
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = Module.objects.filter(  # type: ignore[attr-defined]
            organisation_id=organisation_id, active=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("Das Ende liegt vor dem Beginn."))
        return data


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["date", "start_time", "end_time", "room", "topic"]
        widgets = {"date": DATE, "start_time": TIME, "end_time": TIME}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start_time") and data.get("end_time") and data["end_time"] <= data["start_time"]:
            self.add_error("end_time", _("Das Ende liegt vor dem Beginn."))
        return data


class EnrolForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Kurs"), queryset=Course.objects.none())

    def __init__(self, *args: Any, courses: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses  # type: ignore[attr-defined]


class WithdrawForm(forms.Form):
    reason = forms.ChoiceField(label=_("Abmeldegrund"), choices=[("", "—"), *Enrolment.WithdrawalReason.choices])
    note = forms.CharField(label=_("Bemerkung"), max_length=300, required=False)


class TrainerProfileForm(forms.ModelForm):
    class Meta:
        model = TrainerProfile
        fields = ["user", "kind", "qualifications"]
        widgets = {"qualifications": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Own staff, or trainer accounts of schools, partners and language providers (never another jobcenter).
        candidates = User.objects.filter(is_active=True).filter(
            Q(organisation_id=organisation_id) | Q(role=Role.TRAINER, organisation__kind__in=PARTNER_KINDS))
        self.fields["user"].queryset = candidates.exclude(  # type: ignore[attr-defined]
            trainer_profiles__organisation_id=organisation_id).select_related("organisation")


PARTNER_KINDS = [Organisation.Kind.SCHOOL, Organisation.Kind.PARTNER, Organisation.Kind.LANGUAGE_PROVIDER]


class CertificationForm(forms.ModelForm):
    class Meta:
        model = Certification
        fields = ["module", "trained_by", "certified_on", "valid_until"]
        widgets = {"certified_on": DATE, "valid_until": DATE}

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = Module.objects.filter(  # type: ignore[attr-defined]
            organisation_id=organisation_id)


class KitForm(forms.ModelForm):
    class Meta:
        model = Kit
        fields = ["identifier", "kind", "description", "condition", "location"]


class LoanForm(forms.Form):
    borrower = forms.ChoiceField(label=_("Ausleihe an"))
    due_on = forms.DateField(label=_("Rückgabe bis"), widget=DATE)
    note = forms.CharField(label=_("Bemerkung"), max_length=300, required=False)

    def __init__(self, *args: Any, borrowers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["borrower"].choices = [("", "—"), *borrowers]  # type: ignore[attr-defined]


class ReturnForm(forms.Form):
    condition = forms.ChoiceField(label=_("Zustand bei Rückgabe"), choices=Kit.Condition.choices)
    note = forms.CharField(label=_("Bemerkung"), max_length=300, required=False)

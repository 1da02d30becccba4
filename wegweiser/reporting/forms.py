from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wegweiser.programmes.models import Course, Module, Programme

from . import selectors
from .models import FollowUp, Outcome


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Art"), choices=Outcome.Kind.choices)
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    programme = forms.ModelChoiceField(label=_("Programm"), queryset=Programme.objects.none(), required=False)
    employer = forms.CharField(label=_("Arbeitgeber / Bildungsträger"), max_length=200, required=False)
    occupation = forms.CharField(label=_("Beruf / Tätigkeit"), max_length=200, required=False)
    hours_per_week = forms.IntegerField(label=_("Wochenstunden"), min_value=1, max_value=60, required=False)
    note = forms.CharField(label=_("Bemerkung"), max_length=300, required=False)

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Noch beschäftigt?"), choices=[
        (FollowUp.Status.YES, _("ja")), (FollowUp.Status.NO, _("nein")),
        (FollowUp.Status.UNKNOWN, _("nicht erreichbar")),
    ])


class FilterForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programm"), queryset=Programme.objects.none(), required=False)
    module = forms.ModelChoiceField(label=_("Modul"), queryset=Module.objects.none(), required=False)
    course = forms.ModelChoiceField(label=_("Kurs"), queryset=Course.objects.none(), required=False)
    dimension = forms.ChoiceField(label=_("Aufschlüsseln nach"), choices=list(selectors.DIMENSIONS.items()),
                                  required=False)
    start = forms.DateField(label=_("von"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("bis"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    protected = forms.BooleanField(label=_("Ansicht für Externe (mit Geheimhaltung)"), required=False)

    def __init__(self, *args: Any, organisation_id: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation_id = organisation_id or 0
        self.fields["programme"].queryset = Programme.objects.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]
        self.fields["module"].queryset = Module.objects.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]
        self.fields["course"].queryset = Course.objects.filter(organisation_id=organisation_id)  # type: ignore[attr-defined]

    def filters(self) -> selectors.Filters:
        data = self.cleaned_data if self.is_valid() else {}
        return selectors.Filters(
            programme_id=getattr(data.get("programme"), "pk", None), module_id=getattr(data.get("module"), "pk", None),
            course_id=getattr(data.get("course"), "pk", None), start=data.get("start"), end=data.get("end"))

    def selected_dimension(self) -> str:
        value = self.cleaned_data.get("dimension") if self.is_valid() else None
        return value if value in selectors.DIMENSIONS else "module"

    def is_protected(self) -> bool:
        return bool(self.cleaned_data.get("protected")) if self.is_valid() else False

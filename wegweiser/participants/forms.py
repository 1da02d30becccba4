from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import reference
from .models import (
    ContactNote,
    EducationEntry,
    LanguageCertificate,
    LanguageSkill,
    Participant,
    WorkHistoryEntry,
)


def _lang() -> str:
    return (get_language() or "de")[:2]


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput


class ParticipantForm(forms.ModelForm):
    nationalities = forms.MultipleChoiceField(
        label=_("Staatsangehörigkeiten"), required=False, choices=(),
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    version = VersionField(required=False)

    class Meta:
        model = Participant
        fields = [
            "customer_number", "given_name", "family_name", "given_name_original", "family_name_original",
            "birth_date", "birth_date_precision", "gender", "nationalities", "phone", "municipality",
            "preferred_language", "residence_status", "residence_valid_until", "work_permission",
            "childcare_needed", "driving_licence", "own_car", "uses_public_transport", "working_time",
            "health_restrictions", "phase", "exit_reason", "exit_date",
        ]
        widgets = {
            "birth_date": DATE_WIDGET,
            "residence_valid_until": DATE_WIDGET,
            "exit_date": DATE_WIDGET,
            "health_restrictions": forms.Textarea(attrs={"rows": 3}),
            "given_name_original": forms.TextInput(attrs={"dir": "auto"}),
            "family_name_original": forms.TextInput(attrs={"dir": "auto"}),
        }

    def __init__(self, *args: Any, show_health: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["nationalities"]).choices = reference.country_choices(_lang())
        if not show_health:
            del self.fields["health_restrictions"]

    def changed_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class _EntryForm(forms.ModelForm):
    version = VersionField(required=False)

    def changed_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class LanguageSkillForm(_EntryForm):
    class Meta:
        model = LanguageSkill
        fields = ["language", "listening", "reading", "speaking", "writing"]


class LanguageCertificateForm(_EntryForm):
    class Meta:
        model = LanguageCertificate
        fields = ["kind", "level", "issued_on"]
        widgets = {"issued_on": DATE_WIDGET}


class EducationEntryForm(_EntryForm):
    country = forms.ChoiceField(label=_("Land"), choices=())

    class Meta:
        model = EducationEntry
        fields = ["country", "isced_level", "field", "years", "degree_original", "recognition_status",
                  "recognition_body"]
        widgets = {"degree_original": forms.TextInput(attrs={"dir": "auto"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["country"]).choices = reference.country_choices(_lang())


class WorkHistoryEntryForm(_EntryForm):
    country = forms.ChoiceField(label=_("Land"), choices=())

    class Meta:
        model = WorkHistoryEntry
        fields = ["job_title", "country", "employer_type", "years", "tasks"]
        widgets = {
            "job_title": forms.TextInput(attrs={"dir": "auto"}),
            "tasks": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["country"]).choices = reference.country_choices(_lang())


ENTRY_FORMS: dict[str, type[_EntryForm]] = {
    "languages": LanguageSkillForm,
    "certificates": LanguageCertificateForm,
    "education": EducationEntryForm,
    "work": WorkHistoryEntryForm,
}
ENTRY_TITLES = {
    "languages": _("Sprachkenntnis"),
    "certificates": _("Sprachzertifikat"),
    "education": _("Bildungsweg"),
    "work": _("Berufserfahrung"),
}


class ContactNoteForm(forms.ModelForm):
    class Meta:
        model = ContactNote
        fields = ["contact_on", "channel", "text"]
        widgets = {"contact_on": DATE_WIDGET, "text": forms.Textarea(attrs={"rows": 3, "dir": "auto"})}


class MergeForm(forms.Form):
    other = forms.IntegerField(label=_("Akte, die in diese übernommen wird (ID)"), min_value=1)

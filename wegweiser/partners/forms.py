from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import Organisation
from wegweiser.participants.reference import CEFR_CHOICES
from wegweiser.programmes.models import Course

from . import consent_texts, policy
from .models import Consent, Purpose, Referral, Vacancy


def partner_organisations() -> Any:
    return Organisation.objects.filter(kind__in=policy.PARTNER_KINDS).order_by("name")


class ConsentForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Partnerorganisation"), queryset=Organisation.objects.none())
    purpose = forms.ChoiceField(label=_("Zweck"), choices=Purpose.choices)
    method = forms.ChoiceField(label=_("Wie"), choices=[
        (Consent.Method.IN_PERSON, Consent.Method.IN_PERSON.label),
        (Consent.Method.SIGNED_FORM, Consent.Method.SIGNED_FORM.label),
        ("request", _("in der Selbstauskunft anfragen")),
    ])
    language = forms.ChoiceField(label=_("Text gezeigt in"), choices=[(c, c) for c in consent_texts.LANGUAGES])
    form_file = forms.FileField(label=_("Unterschriebenes Formular (PDF, PNG, JPEG, max. 5 MB)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = partner_organisations()  # type: ignore[attr-defined]


class ReferralForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Partnerorganisation"), queryset=Organisation.objects.none(),
                                          required=False)
    vacancy = forms.ModelChoiceField(label=_("oder Stelle"), queryset=Vacancy.objects.none(), required=False)
    course = forms.ModelChoiceField(label=_("oder Kurs (an den Kursträger)"), queryset=Course.objects.none(),
                                    required=False)
    shared_fields = forms.MultipleChoiceField(
        label=_("Weitergeben (nur das Nötigste)"), choices=list(policy.SHAREABLE_FIELDS.items()),
        widget=forms.CheckboxSelectMultiple, initial=list(policy.MINIMAL_FIELDS), required=False,
        help_text=_("Gesundheit, Staatsangehörigkeit und Aufenthaltsstatus werden nie weitergegeben."),
    )
    note = forms.CharField(label=_("Nachricht"), max_length=500, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, courses: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = partner_organisations()  # type: ignore[attr-defined]
        if courses is not None:
            self.fields["course"].queryset = courses  # type: ignore[attr-defined]
        self.fields["vacancy"].queryset = (  # type: ignore[attr-defined]
            Vacancy.objects.filter(active=True, stale=False, employer__isnull=False).order_by("title"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if sum(bool(data.get(name)) for name in ("organisation", "vacancy", "course")) != 1:
            raise forms.ValidationError(_("Bitte genau ein Ziel wählen: Organisation, Stelle oder Kurs."))
        return data


class AnswerForm(forms.Form):
    status = forms.ChoiceField(label=_("Antwort"), choices=[
        (Referral.Status.ACCEPTED, _("angenommen")), (Referral.Status.STARTED, _("begonnen")),
        (Referral.Status.DECLINED, _("abgelehnt")), (Referral.Status.COMPLETED, _("abgeschlossen")),
    ])
    reason = forms.CharField(label=_("Grund (bei Ablehnung)"), max_length=300, required=False)


class VacancyForm(forms.ModelForm):
    german_level = forms.ChoiceField(label=_("Deutsch mindestens"), choices=CEFR_CHOICES, required=False)
    skill_uris = forms.CharField(label=_("Kompetenzen (ESCO-URIs, eine pro Zeile)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))

    class Meta:
        model = Vacancy
        fields = ["employer", "employer_name", "title", "description", "municipality", "hours_per_week",
                  "shift_work", "start_date", "german_level", "skill_uris", "contact_name", "contact_email",
                  "contact_phone"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, partner: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            kind=Organisation.Kind.EMPLOYER)
        self.fields["employer_name"].required = False
        if self.instance.pk:
            self.initial["skill_uris"] = "\n".join(self.instance.skill_uris)
        if partner:
            del self.fields["employer"]
            del self.fields["employer_name"]

    def clean_skill_uris(self) -> list[str]:
        raw = self.cleaned_data.get("skill_uris") or ""
        uris = [line.strip() for line in raw.splitlines() if line.strip()]
        bad = [u for u in uris if not u.startswith("http://data.europa.eu/esco/skill/")]
        if bad:
            raise forms.ValidationError(_("Keine ESCO-Kompetenz: %(u)s") % {"u": bad[0]})
        return uris

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "employer" in self.fields and not data.get("employer") and not data.get("employer_name"):
            raise forms.ValidationError(_("Bitte einen Arbeitgeber angeben."))
        return data

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items()}

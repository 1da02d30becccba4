from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PlanVersion, Step

ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class GoalForm(forms.Form):
    lock = forms.IntegerField(widget=forms.HiddenInput)
    goal_kind = forms.ChoiceField(label=_("Art des Ziels"), choices=PlanVersion.GoalKind.choices)
    goal_label = forms.CharField(label=_("Integrationsziel"), max_length=300,
                                 help_text=_("z. B. „Deutsch B1“ oder der Zielberuf"))
    goal_occupation_uri = forms.CharField(label=_("Zielberuf (ESCO-URI)"), max_length=200, required=False)
    goal_translation = forms.CharField(label=_("Ziel in der Sprache der Person (optional)"), max_length=300,
                                       required=False, widget=forms.TextInput(attrs={"dir": "auto"}))
    review_on = forms.DateField(label=_("Überprüfung am"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        uri = data.get("goal_occupation_uri", "")
        if data.get("goal_kind") == PlanVersion.GoalKind.OCCUPATION and not str(uri).startswith(ESCO_OCCUPATION):
            self.add_error("goal_occupation_uri", _("Für einen Zielberuf bitte die ESCO-URI des Berufs angeben."))
        return data

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "lock"}


class StepForm(forms.Form):
    lock = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Art"), choices=Step.Kind.choices)
    what = forms.CharField(label=_("Was"), max_length=300)
    what_translation = forms.CharField(label=_("Was, in der Sprache der Person (optional)"), max_length=300,
                                       required=False, widget=forms.TextInput(attrs={"dir": "auto"}))
    responsible = forms.ChoiceField(label=_("Wer"), choices=Step.Responsible.choices)
    partner_name = forms.CharField(label=_("Name der Partnerorganisation"), max_length=200, required=False)
    due_on = forms.DateField(label=_("Bis wann"), required=False, widget=DateInput())
    status = forms.ChoiceField(label=_("Stand"), choices=Step.Status.choices, initial=Step.Status.OPEN)
    drop_reason = forms.CharField(label=_("Grund, falls entfallen"), max_length=300, required=False)
    module: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Kurs aus dem Katalog (optional)"), queryset=None, required=False)
    referral: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Vermittlung an einen Partner (optional)"), queryset=None, required=False)
    confirm_past_due = forms.BooleanField(label=_("Ja, das Datum liegt bewusst in der Vergangenheit."),
                                          required=False)

    def __init__(self, *args: Any, organisation_id: int, participant_id: int | None = None, **kwargs: Any) -> None:
        from wegweiser.partners.models import Referral
        from wegweiser.programmes.models import Module

        super().__init__(*args, **kwargs)
        referrals = Referral.objects.none()
        if participant_id is not None:
            referrals = Referral.objects.filter(participant_id=participant_id).select_related("organisation")
        self.fields["referral"].queryset = referrals.order_by("-pk")  # type: ignore[attr-defined]
        self.fields["module"].queryset = Module.objects.filter(  # type: ignore[attr-defined]
            organisation_id=organisation_id, active=True).order_by("title")

    def service_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("lock", "confirm_past_due")}
        if data.get("responsible") != Step.Responsible.PARTNER:
            data["partner_name"] = ""
        return data


class AgreeForm(forms.Form):
    lock = forms.IntegerField(widget=forms.HiddenInput)
    acknowledgement = forms.ChoiceField(
        label=_("Wie stimmt die Person zu?"), widget=forms.RadioSelect,
        choices=[(PlanVersion.Acknowledgement.PAPER, _("Sie hat den Ausdruck heute unterschrieben.")),
                 (PlanVersion.Acknowledgement.SELFSERVICE, _("Sie bestätigt selbst in der Selbstauskunft."))],
    )

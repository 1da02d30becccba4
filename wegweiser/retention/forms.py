from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wegweiser.participants.models import Participant


class LegalHoldForm(forms.Form):
    customer_number = forms.CharField(label=_("Kundennummer"), max_length=20)
    reason = forms.CharField(label=_("Grund (z. B. Aktenzeichen des Verfahrens)"), max_length=300)
    until = forms.DateField(label=_("gilt bis (leer: bis zur Aufhebung)"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, organisation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation_id = organisation_id
        self.participant: Participant | None = None

    def clean_customer_number(self) -> str:
        number: str = self.cleaned_data["customer_number"].strip()
        self.participant = Participant.objects.filter(organisation_id=self.organisation_id,
                                                      customer_number=number).first()
        if self.participant is None:
            raise forms.ValidationError(_("Keine teilnehmende Person mit dieser Kundennummer."))
        return number

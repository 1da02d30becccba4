from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class RestrictionForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund der Einschränkung"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("z. B. Antrag der Person nach Art. 18 DSGVO vom …, Richtigkeit bestritten"),
    )

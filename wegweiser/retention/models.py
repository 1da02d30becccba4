"""Legal holds: a participant under a hold is exempt from every retention action until it is lifted."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wegweiser.participants.models import Participant


class LegalHoldQuerySet(models.QuerySet["LegalHold"]):
    def active_on(self, day: dt.date) -> LegalHoldQuerySet:
        """Holds not lifted and not expired on `day` (an `until` date still counts on that day)."""
        return self.filter(lifted_at__isnull=True).filter(Q(until__isnull=True) | Q(until__gte=day))


class LegalHold(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="legal_holds",
                                    verbose_name=_("Teilnehmende Person"))
    reason = models.CharField(_("Grund"), max_length=300)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now_add=True)
    until = models.DateField(_("gilt bis"), null=True, blank=True,
                             help_text=_("Leer lassen, wenn die Sperre bis zur Aufhebung gilt."))
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    lift_reason = models.CharField(_("Grund der Aufhebung"), max_length=300, blank=True)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        verbose_name = _("Aufbewahrungssperre")
        verbose_name_plural = _("Aufbewahrungssperren")
        ordering = ["-set_at", "-id"]
        indexes = [models.Index(fields=["participant", "lifted_at"])]

    def __str__(self) -> str:
        return f"Sperre {self.pk} für Teilnehmende {self.participant_id}"

    def is_active_on(self, day: dt.date) -> bool:
        return self.lifted_at is None and (self.until is None or self.until >= day)

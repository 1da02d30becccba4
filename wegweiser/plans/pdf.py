"""The plan as a bilingual PDF (WeasyPrint): German on one side, the participant's language on the
other, Noto fonts from Debian's fonts-noto-core embedded, page numbers, version and date on every page.

Arabic and Farsi are shaped by WeasyPrint's text layout (Pango/HarfBuzz) and set right to left through
`dir="rtl"` on their column. Free text typed by the caseworker (the step "what") is shown in German on
both sides unless the caseworker also entered it in the person's language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wegweiser.participants.models import Participant

from .models import PlanVersion, Step

LANGUAGES = ("de", "en", "ar", "fa", "uk", "ru", "tr", "ti")
RTL = ("ar", "fa")
STATIC = Path(__file__).parent / "static" / "plans"
CSS_PATH = STATIC / "plan_pdf.css"
FONT_FILES = {
    "Noto Sans": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "Noto Sans Arabic": ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    "Noto Sans Ethiopic": ("NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"),
}


def font_dir() -> Path:
    return Path(getattr(settings, "WEGWEISER_PDF_FONT_DIR", "/usr/share/fonts/truetype/noto"))


def font_face_css() -> str:
    rules = []
    for family, (regular, bold) in FONT_FILES.items():
        for weight, name in (("normal", regular), ("bold", bold)):
            path = font_dir() / name
            if path.exists():
                rules.append(f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                             f'src: url("{path.as_uri()}"); }}')
    return "\n".join(rules)


def pictogram_uri(kind: str) -> str:
    return (STATIC / "pictograms" / f"{kind}.svg").as_uri()


def _date(value: Any) -> str:
    return value.strftime("%d.%m.%Y") if value else "—"


def texts(version: PlanVersion, participant: Participant, language: str) -> dict[str, Any]:
    """Every printed text of the plan in one language."""
    today = timezone.localdate()
    with translation.override(language):
        if version.participant_ack == PlanVersion.Acknowledgement.SELFSERVICE:
            ack = _("In der Selbstauskunft bestätigt am %(date)s") % {"date": _date(version.participant_ack_at)}
        elif version.participant_ack == PlanVersion.Acknowledgement.PAPER:
            ack = _("Auf Papier unterschrieben am %(date)s") % {"date": _date(version.participant_ack_at)}
        else:
            ack = _("Noch nicht bestätigt")
        signed = (_("Unterschrieben von %(name)s am %(date)s")
                  % {"name": version.signed_by.get_full_name() or version.signed_by.get_username(),
                     "date": _date(version.signed_at)}) if version.signed_by_id and version.signed_by else \
            _("Noch nicht unterschrieben")
        own = language != "de"
        steps = []
        for step in version.steps.all():
            status = step.effective_status(today)
            steps.append({
                "kind": str(Step.Kind(step.kind).label),
                "what": (step.what_translation if own and step.what_translation else step.what),
                "who": step.partner_name if step.responsible == Step.Responsible.PARTNER and step.partner_name
                else str(Step.Responsible(step.responsible).label),
                "due": _date(step.due_on), "status": str(Step.Status(status).label),
                "reason": step.drop_reason if status == Step.Status.DROPPED else "",
            })
        return {
            "language": language, "dir": "rtl" if language in RTL else "ltr",
            "title": _("Kooperationsplan"),
            "version": _("Version %(n)s vom %(date)s") % {"n": version.number,
                                                          "date": _date(version.agreed_on or version.created_at)},
            "state": str(PlanVersion.Status(version.status).label) if language == "de" else "",
            "goal_heading": _("Mein Ziel"),
            "goal": version.goal_translation if own and version.goal_translation else version.goal_label,
            "steps_heading": _("Meine Schritte"),
            "what": _("Was"), "who": _("Wer"), "due": _("Bis wann"), "status": pgettext("plan step", "Stand"),
            "reason": _("Grund"),
            "review": _("Nächstes Gespräch: %(date)s") % {"date": _date(version.review_on)},
            "jobcenter": _("Jobcenter"), "person": _("Teilnehmende Person"),
            "signed": signed, "ack": ack,
            "printed": _("Gedruckt am %(date)s") % {"date": _date(today)},
            "steps": steps,
        }


def render_pdf(version: PlanVersion, participant: Participant, language: str) -> bytes:
    from weasyprint import CSS, HTML

    german = texts(version, participant, "de")
    other = texts(version, participant, language) if language != "de" else None
    rows = [{"pictogram": pictogram_uri(step.kind), "de": german["steps"][i],
             "other": other["steps"][i] if other else None}
            for i, step in enumerate(version.steps.all())]
    html = render_to_string("plans/plan_pdf.html", {
        "de": german, "other": other, "rows": rows, "participant": participant, "version": version,
    })
    stylesheets = [CSS(string=font_face_css()), CSS(filename=str(CSS_PATH))]
    return HTML(string=html, base_url=str(STATIC)).write_pdf(stylesheets=stylesheets) or b""


def response(version: PlanVersion, participant: Participant, language: str) -> HttpResponse:
    data = render_pdf(version, participant, language)
    reply = HttpResponse(data, content_type="application/pdf")
    reply["Content-Disposition"] = (f'inline; filename="kooperationsplan-{participant.customer_number}'
                                    f'-v{version.number}.pdf"')
    reply["Cache-Control"] = "no-store"
    return reply

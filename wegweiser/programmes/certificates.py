"""Participation certificate: HTML → PDF with WeasyPrint, verification QR code as SVG."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string
from django.utils import timezone

from wegweiser.participants.models import Participant

from . import rules, selectors
from .models import Attendance, ParticipationCertificate, Session

CSS_PATH = Path(__file__).parent / "static" / "programmes" / "certificate.css"


def initials_of(participant: Participant) -> str:
    return rules.initials(participant.given_name, participant.family_name)


def qr_svg(url: str) -> bytes:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


def certificate_context(certificate: ParticipationCertificate, verify_url: str) -> dict[str, object]:
    enrolment = certificate.enrolment
    course = enrolment.course
    module = course.module
    attended = (Session.objects.filter(attendance__enrolment=enrolment, attendance__status__in=Attendance.ATTENDED)
                .order_by("date", "start_time"))
    topics = list(dict.fromkeys(s.topic for s in attended))
    skills = selectors.skill_labels(module.skill_uris)
    return {
        "certificate": certificate, "participant": enrolment.participant, "course": course, "module": module,
        "topics": topics, "skills": [skills[uri] for uri in module.skill_uris], "verify_url": verify_url,
        "qr": "data:image/svg+xml;base64," + base64.b64encode(qr_svg(verify_url)).decode("ascii"),
        "printed": timezone.localdate(),
    }


def render_pdf(certificate: ParticipationCertificate, verify_url: str) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string("programmes/certificate_pdf.html", certificate_context(certificate, verify_url))
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(CSS_PATH))]) or b""

"""Reads for the partner network; access goes through participants.policy and partners.policy."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from wegweiser.participants import german
from wegweiser.participants import policy as participant_policy
from wegweiser.participants.models import LanguageSkill, Participant, Suggestion
from wegweiser.participants.reference import language_name
from wegweiser.privacy.guard import not_restricted_q

from . import fit, geo, policy
from .models import Consent, FollowUpTask, Purpose, Referral, Vacancy


def distance_limit_km() -> float:
    return float(getattr(settings, "WEGWEISER_MATCHING_DISTANCE_KM", 30))


def consents_of(participant: Participant) -> QuerySet[Consent]:
    return Consent.objects.filter(participant=participant).select_related("organisation", "text", "given_by",
                                                                          "withdrawn_by")


def referrals_of(participant: Participant) -> QuerySet[Referral]:
    return Referral.objects.filter(participant=participant).select_related("organisation", "course", "vacancy")


def referrals_visible_to(user: Any) -> QuerySet[Referral]:
    """Referrals of the participants a staff user may see."""
    return (Referral.objects.filter(participant__in=participant_policy.scope(user))
            .select_related("participant", "organisation", "vacancy", "course"))


def followups_open_for(user: Any) -> list[FollowUpTask]:
    if not policy.is_staff(user):
        return []
    return list(FollowUpTask.objects.filter(assignee=user, done_at__isnull=True)
                .select_related("participant", "referral__organisation")[:50])


def portal_referrals(user: Any) -> QuerySet[Referral]:
    return policy.partner_referrals(user).select_related("participant", "vacancy", "course").order_by("-created_at")


def self_service_consents(participant: Participant) -> QuerySet[Consent]:
    return (Consent.objects.filter(participant=participant,
                                   status__in=[Consent.Status.REQUESTED, Consent.Status.GIVEN])
            .select_related("organisation"))


def german_level(skills: Iterable[LanguageSkill], certificates: Iterable[Any] = ()) -> str:
    """The person's German level for vacancy fit: the one definition (`participants.german`)."""
    levels = [level for s in skills if s.language == "de"
              for level in (s.listening, s.reading, s.speaking, s.writing)]
    return german.german_level(levels, [c.level for c in certificates])


def shared_view(referral: Referral) -> list[tuple[str, Any]]:
    """(label, value) for exactly the fields the partner may see now."""
    p = referral.participant
    profile = Consent.objects.filter(participant=p, organisation_id=referral.organisation_id,
                                     purpose=Purpose.PROFILE_SHARING, status=Consent.Status.GIVEN).exists()
    rows: list[tuple[str, Any]] = []
    for name in policy.effective_fields(referral, profile):
        label = str(policy.SHAREABLE_FIELDS[name])
        if name == "name":
            rows.append((label, p.display_name))
        elif name == "languages":
            rows.append((label, ", ".join(
                f"{language_name(s.language)} {s.speaking or ''}".strip() for s in p.languages.all()) or "—"))
        elif name == "municipality":
            rows.append((label, p.municipality or "—"))
        elif name == "birth_year":
            rows.append((label, str(p.birth_date.year) if p.birth_date else "—"))
        elif name == "phone":
            rows.append((label, p.phone or "—"))
        elif name == "education":
            rows.append((label, "; ".join(str(e) for e in p.education.all()) or "—"))
        elif name == "work":
            rows.append((label, "; ".join(w.job_title for w in p.work_history.all()) or "—"))
        elif name == "competences":
            rows.append((label, ", ".join(s.label for s in p.suggestions.filter(status=Suggestion.Status.CONFIRMED))
                         or "—"))
    return rows


# --- matching ----------------------------------------------------------------------------------

def job_facts(v: Vacancy) -> fit.JobFacts:
    coords = (v.latitude, v.longitude) if v.latitude is not None and v.longitude is not None else None
    return fit.JobFacts(id=v.pk, occupation_uri=v.occupation_uri, kldb=v.kldb, skill_uris=tuple(v.skill_uris),
                        german_level=v.german_level, coords=coords, hours_per_week=v.hours_per_week,
                        shift_work=v.shift_work, employer_id=v.employer_id)


def person_facts(participants: list[Participant]) -> dict[int, fit.PersonFacts]:
    """Facts for many participants in a fixed number of queries."""
    ids = [p.pk for p in participants]
    occ: dict[int, set[str]] = defaultdict(set)
    kldb: dict[int, set[str]] = defaultdict(set)
    skills: dict[int, set[str]] = defaultdict(set)
    for pid, kind, uri, code in Suggestion.objects.filter(
            participant_id__in=ids, status=Suggestion.Status.CONFIRMED).values_list("participant_id", "kind",
                                                                                     "uri", "kldb"):
        if kind == Suggestion.Kind.OCCUPATION:
            occ[pid].add(uri)
            if code:
                kldb[pid].add(code)
        else:
            skills[pid].add(uri)
    german: dict[int, list[LanguageSkill]] = defaultdict(list)
    for s in LanguageSkill.objects.filter(participant_id__in=ids, language="de"):
        german[s.participant_id].append(s)
    from wegweiser.participants.models import LanguageCertificate

    certs: dict[int, list[Any]] = defaultdict(list)
    for c in LanguageCertificate.objects.filter(participant_id__in=ids).exclude(level=""):
        certs[c.participant_id].append(c)
    consents: dict[int, set[int]] = defaultdict(set)
    for pid, org in Consent.objects.filter(participant_id__in=ids, purpose=Purpose.JOB_PLACEMENT,
                                           status=Consent.Status.GIVEN).values_list("participant_id",
                                                                                    "organisation_id"):
        consents[pid].add(org)
    return {p.pk: fit.PersonFacts(
        id=p.pk, occupation_uris=frozenset(occ[p.pk]), occupation_kldb=frozenset(kldb[p.pk]),
        skill_uris=frozenset(skills[p.pk]), german=german_level(german[p.pk], certs[p.pk]),
        coords=geo.coordinates(p.municipality), work_permission=p.work_permission, working_time=p.working_time,
        consent_employers=frozenset(consents[p.pk]),
    ) for p in participants}


def explain(f: fit.Fit, skill_labels: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Sentences for people, one per factor."""
    labels = skill_labels or {}
    out = []
    for factor in f.factors:
        d = factor.data
        if factor.kind == "occupation":
            text = {"same": _("Beruf bestätigt: derselbe ESCO-Beruf im Kompetenzprofil."),
                    "group": _("Verwandter Beruf: gleiche KldB-Berufsgruppe %(kldb)s.") % {"kldb": d.get("kldb")},
                    "none": _("Kein passender bestätigter Beruf im Kompetenzprofil."),
                    "unmapped": _("Die Stelle ist keinem ESCO-Beruf zugeordnet.")}[str(d["level"])]
        elif factor.kind == "skills":
            have = [labels.get(str(u), str(u)) for u in d["have"]]  # type: ignore[attr-defined]
            missing = [labels.get(str(u), str(u)) for u in d["missing"]]  # type: ignore[attr-defined]
            text = _("Kompetenzen vorhanden: %(have)s; fehlen: %(missing)s.") % {
                "have": ", ".join(have) or "—", "missing": ", ".join(missing) or "—"}
        elif factor.kind == "german":
            if not d["need"]:
                text = _("Kein Deutschniveau verlangt.")
            elif d["gap"] == 0:
                text = _("Deutsch %(have)s erfüllt %(need)s.") % {"have": d["have"] or "—", "need": d["need"]}
            else:
                text = _("Deutsch %(have)s, verlangt %(need)s (%(gap)s Stufe(n) darunter).") % {
                    "have": d["have"] or _("unbekannt"), "need": d["need"], "gap": d["gap"]}
        elif factor.kind == "distance":
            if d["km"] is None:
                text = _("Entfernung unbekannt (Ort ohne Koordinaten).")
            else:
                text = _("%(km)s km Luftlinie (Grenze %(limit)s km).") % {"km": d["km"], "limit": int(d["limit"])}  # type: ignore[call-overload]
        elif factor.kind == "constraint":
            text = {"no_work_permission": _("Keine Arbeitserlaubnis."),
                    "needs_approval": _("Arbeit nur mit Zustimmung der Ausländerbehörde."),
                    "no_shifts": _("Möchte keine Schichtarbeit."),
                    "part_time": _("Sucht Teilzeit, die Stelle hat %(h)s Stunden.") % {"h": d.get("hours")}}[
                str(d["rule"])]
        else:
            text = (_("Einwilligung zur Arbeitsvermittlung an den Arbeitgeber liegt vor.") if factor.ok
                    else _("Einwilligung zur Arbeitsvermittlung an den Arbeitgeber fehlt."))
        out.append({"kind": factor.kind, "ok": factor.ok, "points": factor.points, "text": text})
    return out


def _skill_labels(uris: Iterable[str]) -> dict[str, str]:
    uris = set(uris)
    if not uris:
        return {}
    from wegweiser.taxonomy.models import Skill

    return {s.uri: str(s) for s in Skill.objects.filter(uri__in=uris)}


def people_for_vacancy(user: Any, vacancy: Vacancy, top: int = 20) -> list[dict[str, Any]]:
    people = list(participant_policy.scope(user).filter(not_restricted_q()).exclude(phase="exited"))
    facts = person_facts(people)
    by_id = {p.pk: p for p in people}
    ranked = fit.rank_people(job_facts(vacancy), facts.values(), limit_km=distance_limit_km(), top=top)
    labels = _skill_labels(vacancy.skill_uris)
    return [{"participant": by_id[f.person_id], "score": f.score, "reasons": explain(f, labels)} for f in ranked]


def vacancies_for_participant(participant: Participant, top: int = 20) -> list[dict[str, Any]]:
    vacancies = list(Vacancy.objects.filter(active=True, stale=False))
    person = person_facts([participant])[participant.pk]
    by_id = {v.pk: v for v in vacancies}
    ranked = fit.rank_jobs(person, [job_facts(v) for v in vacancies], limit_km=distance_limit_km(), top=top)
    labels = _skill_labels(u for v in vacancies for u in v.skill_uris)
    return [{"vacancy": by_id[f.job_id], "score": f.score, "reasons": explain(f, labels)} for f in ranked]

"""Authorization matrix: every URL pattern, the request to send, and the exact status code per role.

One line per URL name ("namespace:name").  The test (tests/authz/test_matrix.py) walks the URL resolver and
fails for every URL name that has no line here, and for every line whose URL no longer exists.

  "app:name": (METHOD, {url_kwarg: world_key},
                 (anon, admin, cw, other_team, trainer, partner, funder, me, other_org)),

METHOD     "GET" (pages, downloads, API reads) or "POST" (POST-only endpoints; sent with an empty body, so an
           allowed role gets the form error / redirect, never a completed change; every test runs in its own
           rolled-back transaction anyway).
kwargs     URL kwarg -> key of the fixture world (tests/authz/world.py, WORLD_KEYS lists them); a value starting
           with "=" is a literal (e.g. {"fmt": "=csv"}).
codes      exact status codes for the nine roles, in this order:
             anon        not logged in, no participant session
             admin       admin of the jobcenter that owns the world
             cw          the participant's responsible caseworker (team Nord)
             other_team  caseworker of the same jobcenter, team Süd, no need-to-know
             trainer     trainer teaching the world's course (the participant is enrolled)
             partner     staff of the partner organisation the participant was referred to (with consent)
             funder      staff of the foundation funding the world's programme
             me          the participant's self-service session (redeemed invitation), no Django login
             other_org   caseworker of another jobcenter
Policy: anonymous HTML -> 302 to login, API -> 403 (session auth, no credentials); other organisation -> 404;
same organisation without need-to-know -> 403; allowed -> 200 (302 for a POST that redirects back, 405 where
the method is refused).  The participant session is not a Django login: staff pages treat it as anonymous.
"""

from __future__ import annotations

ROLES = ("anon", "admin", "cw", "other_team", "trainer", "partner", "funder", "me", "other_org")

# URL names the test does not check, with the reason.
SKIPPED = {
    "set_language": "Django's i18n view: POST-only, sets a cookie, no data behind it",
}

P = {"pk": "participant"}

MATRIX: dict[str, tuple[str, dict[str, str], tuple[int, ...] | None]] = {
    # --- accounts ------------------------------------------------------------------------------------
    "accounts:login": ("GET", {}, None),
    "accounts:logout": ("POST", {}, None),
    "accounts:users": ("GET", {}, None),
    "accounts:user_deactivate": ("POST", {"pk": "teammate"}, None),
    "accounts:user_activate": ("POST", {"pk": "teammate"}, None),
    # --- audit / taxonomy ----------------------------------------------------------------------------
    "audit:list": ("GET", {}, None),
    "taxonomy:index": ("GET", {}, None),
    "taxonomy:occupation_detail": ("GET", {"pk": "occupation"}, None),
    "taxonomy:skill_detail": ("GET", {"pk": "skill"}, None),
    # --- API -----------------------------------------------------------------------------------------
    "api:api-root": ("GET", {}, None),
    "api:participant-list": ("GET", {}, None),
    "api:participant-detail": ("GET", P, None),
    "api:participant-competences": ("GET", P, None),
    "api:participant-interests": ("GET", P, None),
    "api:participant-recommendations": ("GET", P, None),
    "api:match_occupations": ("POST", {}, None),
    "api:match_skills": ("POST", {}, None),
    "api:schema": ("GET", {}, None),
    "api:docs": ("GET", {}, None),
    # --- self-service (participant session) ----------------------------------------------------------
    "selfservice:home": ("GET", {}, None),
    "selfservice:redeem": ("GET", {"token": "invitation_token"}, None),
    "selfservice:code": ("GET", {}, None),
    "selfservice:language": ("POST", {}, None),
    "selfservice:logout": ("POST", {}, None),
    "selfservice:problem": ("GET", {"reason": "=expired"}, None),
    "selfservice:invitation": ("GET", {"participant_id": "participant"}, None),
    "selfservice:invitation_revoke": ("POST", {"participant_id": "participant"}, None),
    # --- interests -----------------------------------------------------------------------------------
    "interests:questionnaire": ("GET", {}, None),
    "interests:question": ("GET", {"set_id": "answer_set", "position": "=1"}, None),
    "interests:review": ("GET", {"set_id": "answer_set"}, None),
    "interests:result": ("GET", {}, None),
    "interests:condition": ("GET", {"step": "=1"}, None),
    "interests:skills": ("GET", {}, None),
    "interests:skills_saved": ("GET", {}, None),
    "interests:participant": ("GET", {"participant_id": "participant"}, None),
    # --- programmes ----------------------------------------------------------------------------------
    "programmes:course_list": ("GET", {}, None),
    "programmes:catalogue": ("GET", {}, None),
    "programmes:module_create": ("GET", {}, None),
    "programmes:module_detail": ("GET", {"pk": "module"}, None),
    "programmes:module_edit": ("GET", {"pk": "module"}, None),
    "programmes:course_create": ("GET", {}, None),
    "programmes:course_detail": ("GET", {"pk": "course"}, None),
    "programmes:course_calendar": ("GET", {"pk": "course"}, None),
    "programmes:course_trainer": ("POST", {"pk": "course"}, None),
    "programmes:session_create": ("GET", {"pk": "course"}, None),
    "programmes:attendance": ("GET", {"pk": "session"}, None),
    "programmes:attendance_mark": ("POST", {"pk": "session", "enrolment_id": "enrolment"}, None),
    "programmes:my_calendar": ("GET", {}, None),
    "programmes:ical": ("GET", {"token": "ical_token"}, None),
    "programmes:enrol": ("GET", P, None),
    "programmes:withdraw": ("POST", {"pk": "enrolment"}, None),
    "programmes:enrolment_complete": ("POST", {"pk": "enrolment"}, None),
    "programmes:certificate_issue": ("POST", {"pk": "enrolment"}, None),
    "programmes:certificate_pdf": ("GET", {"pk": "certificate"}, None),
    "programmes:verify": ("GET", {"code": "certificate_code"}, None),
    "programmes:task_done": ("POST", {"pk": "task"}, None),
    "programmes:trainer_list": ("GET", {}, None),
    "programmes:trainer_create": ("GET", {}, None),
    "programmes:trainer_detail": ("GET", {"pk": "trainer_profile"}, None),
    "programmes:trainer_calendar": ("GET", {"pk": "trainer_profile"}, None),
    "programmes:kit_list": ("GET", {}, None),
    "programmes:kit_create": ("GET", {}, None),
    "programmes:kit_detail": ("GET", {"pk": "kit"}, None),
    "programmes:loan_return": ("POST", {"pk": "loan"}, None),
    "programmes:loan_lost": ("POST", {"pk": "loan"}, None),
    # --- recommendations -----------------------------------------------------------------------------
    "recommendations:participant": ("GET", P, None),
    "recommendations:feedback": ("POST", P, None),
    "recommendations:sheet": ("GET", P, None),
    "recommendations:who_fits": ("GET", {}, None),
    "recommendations:acceptance": ("GET", {}, None),
    "recommendations:demand": ("GET", {}, None),
    # --- plans ---------------------------------------------------------------------------------------
    "plans:me": ("GET", {}, None),
    "plans:me_acknowledge": ("POST", {}, None),
    "plans:me_pdf": ("GET", {}, None),
    "plans:detail": ("GET", P, None),
    "plans:draft_create": ("POST", P, None),
    "plans:from_recommendation": ("POST", P, None),
    "plans:diff": ("GET", P, None),
    "plans:version": ("GET", {"pk": "participant", "number": "plan_number"}, None),
    "plans:goal": ("POST", {"pk": "participant", "number": "plan_number"}, None),
    "plans:step_add": ("POST", {"pk": "participant", "number": "plan_number"}, None),
    "plans:step_edit": ("GET", {"pk": "participant", "number": "plan_number", "step_pk": "plan_step"}, None),
    "plans:step_remove": ("POST", {"pk": "participant", "number": "plan_number", "step_pk": "plan_step"}, None),
    "plans:agree": ("POST", {"pk": "participant", "number": "plan_number"}, None),
    "plans:transition": ("POST", {"pk": "participant", "number": "plan_number", "what": "=withdraw"}, None),
    "plans:pdf": ("GET", {"pk": "participant", "number": "plan_number"}, None),
    # --- partners ------------------------------------------------------------------------------------
    "partners:consents": ("GET", P, None),
    "partners:referral_create": ("GET", P, None),
    "partners:participant_vacancies": ("GET", P, None),
    "partners:consent_withdraw": ("POST", {"pk": "consent"}, None),
    "partners:consent_file": ("GET", {"pk": "consent"}, None),
    "partners:referral_list": ("GET", {}, None),
    "partners:referral_cancel": ("POST", {"pk": "referral"}, None),
    "partners:followup_done": ("POST", {"pk": "referral_followup"}, None),
    "partners:portal": ("GET", {}, None),
    "partners:portal_referral": ("GET", {"pk": "referral"}, None),
    "partners:vacancy_list": ("GET", {}, None),
    "partners:vacancy_create": ("GET", {}, None),
    "partners:vacancy_detail": ("GET", {"pk": "vacancy"}, None),
    "partners:vacancy_edit": ("GET", {"pk": "vacancy"}, None),
    "partners:me_consents": ("GET", {}, None),
    "partners:me_consent_answer": ("POST", {"pk": "consent"}, None),
    # --- reporting -----------------------------------------------------------------------------------
    "reporting:dashboard": ("GET", {}, None),
    "reporting:export": ("GET", {"dimension": "=gender", "fmt": "=csv"}, None),
    "reporting:dashboard_pdf": ("GET", {}, None),
    "reporting:funder_home": ("GET", {}, None),
    "reporting:funding_detail": ("GET", {"pk": "funding"}, None),
    "reporting:report_create": ("POST", {"pk": "funding"}, None),
    "reporting:report_download": ("GET", {"pk": "funder_report", "fmt": "=xlsx"}, None),
    "reporting:participant_outcomes": ("GET", P, None),
    "reporting:followup_answer": ("POST", {"pk": "outcome_followup"}, None),
    # --- participants (case file) --------------------------------------------------------------------
    "participants:dashboard": ("GET", {}, None),
    "participants:list": ("GET", {}, None),
    "participants:create": ("GET", {}, None),
    "participants:detail": ("GET", P, None),
    "participants:edit": ("GET", P, None),
    "participants:contact_add": ("POST", P, None),
    "participants:access_log": ("GET", P, None),
    "participants:merge": ("GET", P, None),
    "participants:suggestion_decide": (
        "POST", {"pk": "participant", "suggestion_id": "suggestion", "status": "=rejected"}, None),
    "participants:entry_add": ("GET", {"pk": "participant", "section": "=work"}, None),
    "participants:entry_edit": ("GET", {"pk": "participant", "section": "=work", "entry_id": "work_entry"}, None),
    "participants:entry_delete": (
        "POST", {"pk": "participant", "section": "=work", "entry_id": "work_entry"}, None),
}

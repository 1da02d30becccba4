"""Authorization matrix: every URL pattern, the request to send, and the exact status code per role.

One line per URL name ("namespace:name").  The test (tests/authz/test_matrix.py) walks the URL resolver and
fails for every URL name that has no line here, and for every line whose URL no longer exists.

  "app:name": (METHOD, {url_kwarg: world_key},
                 (anon, admin, cw, other_team, trainer, partner, funder, me, other_org)),

METHOD     "GET" (pages, downloads, API reads) or "POST" (POST-only endpoints; sent with an empty body, so an
           allowed role gets the form error / redirect, never a completed change; every test runs in its own
           rolled-back transaction anyway); "PATCH"/"PUT"/"DELETE" for API endpoints (JSON body).
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

from typing import Any

ROLES = ("anon", "admin", "cw", "other_team", "trainer", "partner", "funder", "me", "other_org")

# URL names the test does not check, with the reason.
SKIPPED = {
    "set_language": "Django's i18n view: POST-only, sets a cookie, no data behind it",
}

# A 302 for "anon" or "me" must go to the staff login page, except for these URL names (public and self-service
# pages that redirect elsewhere on purpose).
REDIRECTS_NOT_TO_LOGIN = {
    "accounts:login",  # a logged-in user is sent on to the dashboard
    "selfservice:language",  # back to the participant page the language was chosen on
    "interests:result",  # questionnaire not finished yet: back to it
    "partners:me_consent_answer",  # empty answer: back to the list of consent requests
}

P = {"pk": "participant"}

MATRIX: dict[str, tuple[Any, ...]] = {
    #                                                                 anon adm  cw   team trnr prtn fund me   org
    # --- accounts --------------------------------------------------------------------------------------------
    "accounts:login": ("GET", {},                                     (200, 302, 302, 302, 302, 302, 302, 200, 302)),
    "accounts:logout": ("POST", {},                                   (302, 302, 302, 302, 302, 302, 302, 302, 302)),
    "accounts:users": ("GET", {},                                     (302, 200, 403, 403, 403, 403, 403, 302, 403)),
    "accounts:user_deactivate": ("POST", {"pk": "teammate"},          (302, 302, 403, 403, 403, 403, 403, 302, 403)),
    "accounts:user_activate": ("POST", {"pk": "teammate"},            (302, 302, 403, 403, 403, 403, 403, 302, 403)),
    "accounts:user_unlock": ("POST", {"pk": "teammate"},              (302, 302, 403, 403, 403, 403, 403, 302, 403)),
    "accounts:user_otp_reset": ("POST", {"pk": "teammate"},           (302, 302, 403, 403, 403, 403, 403, 302, 403)),
    "accounts:user_password_reset": ("GET", {"pk": "teammate"},       (302, 200, 403, 403, 403, 403, 403, 302, 403)),
    # The user's own login steps; without a 2FA device the code and recovery pages lead to the enrolment.
    "accounts:otp_verify": ("GET", {},                                (302, 302, 302, 302, 302, 302, 302, 302, 302)),
    "accounts:otp_enrol": ("GET", {},                                 (302, 200, 200, 200, 200, 200, 200, 302, 200)),
    "accounts:otp_recovery_codes": ("GET", {},                        (302, 302, 302, 302, 302, 302, 302, 302, 302)),
    "accounts:password_change": ("GET", {},                           (302, 200, 200, 200, 200, 200, 200, 302, 200)),
    # --- audit -----------------------------------------------------------------------------------------------
    "audit:list": ("GET", {},                                         (302, 200, 403, 403, 403, 403, 403, 302, 403)),
    # --- taxonomy --------------------------------------------------------------------------------------------
    "taxonomy:index": ("GET", {},                                     (302, 200, 200, 200, 200, 200, 200, 302, 200)),
    "taxonomy:occupation_detail": ("GET", {"pk": "occupation"},       (302, 200, 200, 200, 200, 200, 200, 302, 200)),
    "taxonomy:skill_detail": ("GET", {"pk": "skill"},                 (302, 200, 200, 200, 200, 200, 200, 302, 200)),
    # --- api -------------------------------------------------------------------------------------------------
    "api:api-root": ("GET", {},                                       (403, 200, 200, 200, 200, 200, 200, 403, 200)),
    "api:participant-list": ("GET", {},                               (403, 200, 200, 200, 403, 403, 403, 403, 200)),
    "api:participant-detail": ("GET", P,                              (403, 200, 200, 403, 200, 200, 404, 403, 404)),
    "api:participant-competences": ("GET", P,                         (403, 200, 200, 403, 403, 403, 404, 403, 404)),
    "api:participant-interests": ("GET", P,                           (403, 200, 200, 403, 403, 403, 404, 403, 404)),
    "api:participant-recommendations": ("GET", P,                     (403, 200, 200, 403, 403, 403, 404, 403, 404)),
    "api:plan": ("GET", P,                                            (403, 200, 200, 403, 403, 403, 404, 403, 404)),
    "api:plan_version": ("GET", {"pk": "participant", "number": "plan_number"},
                         (403, 200, 200, 403, 403, 403, 404, 403, 404)),
    "api:plan_steps": ("POST", {"pk": "participant", "number": "plan_draft"},  # empty body: 400 when allowed
                       (403, 400, 400, 403, 403, 403, 404, 403, 404)),
    # PATCH only; an empty JSON body: 400 where allowed.
    "api:plan_step": ("PATCH", {"pk": "participant", "number": "plan_draft", "step": "plan_step"},
                      (403, 400, 400, 403, 403, 403, 404, 403, 404)),
    "api:participant_referrals": ("GET", P,                           (403, 200, 200, 403, 403, 403, 404, 403, 404)),
    "api:referral-list": ("GET", {},                                  (403, 200, 200, 200, 403, 403, 403, 403, 200)),
    "api:portal-referral-list": ("GET", {},                           (403, 403, 403, 403, 403, 200, 403, 403, 403)),
    "api:portal-referral-detail": ("GET", {"pk": "referral"},         (403, 403, 403, 403, 403, 200, 403, 403, 403)),
    "api:module-list": ("GET", {},                                    (403, 200, 200, 200, 403, 403, 403, 403, 200)),
    "api:module-detail": ("GET", {"pk": "module"},                    (403, 200, 200, 200, 403, 403, 403, 403, 404)),
    "api:course-list": ("GET", {},                                    (403, 200, 200, 200, 200, 403, 403, 403, 200)),
    "api:course-detail": ("GET", {"pk": "course"},                    (403, 200, 200, 200, 200, 404, 404, 403, 404)),
    "api:course-sessions": ("GET", {"pk": "course"},                  (403, 200, 200, 200, 200, 404, 404, 403, 404)),
    "api:session_attendance": ("GET", {"pk": "session"},              (403, 200, 403, 403, 200, 404, 404, 403, 404)),
    "api:vacancy-list": ("GET", {},                                   (403, 200, 200, 200, 403, 403, 403, 403, 200)),
    "api:vacancy-detail": ("GET", {"pk": "vacancy"},                  (403, 200, 200, 200, 403, 403, 403, 403, 200)),
    "api:vacancy-matches": ("GET", {"pk": "vacancy"},                 (403, 200, 200, 200, 403, 403, 403, 403, 200)),
    "api:report_summary": ("GET", {},                                 (403, 200, 200, 200, 403, 403, 403, 403, 200)),
    "api:funding-list": ("GET", {},                                   (403, 200, 403, 403, 403, 403, 200, 403, 403)),
    "api:funding-detail": ("GET", {"pk": "funding"},                  (403, 200, 403, 403, 403, 403, 200, 403, 403)),
    "api:match_occupations": ("GET", {},                              (403, 400, 400, 400, 400, 400, 400, 403, 400)),
    "api:match_skills": ("GET", {},                                   (403, 400, 400, 400, 400, 400, 400, 403, 400)),
    "api:schema": ("GET", {},                                         (403, 200, 200, 200, 200, 200, 200, 403, 200)),
    "api:docs": ("GET", {},                                           (403, 200, 200, 200, 200, 200, 200, 403, 200)),
    # --- selfservice -----------------------------------------------------------------------------------------
    "selfservice:home": ("GET", {},                                   (403, 403, 403, 403, 403, 403, 403, 200, 403)),
    "selfservice:redeem": ("GET", {"token": "invitation_token"},      (200, 200, 200, 200, 200, 200, 200, 200, 200)),
    "selfservice:code": ("GET", {},                                   (200, 200, 200, 200, 200, 200, 200, 200, 200)),
    "selfservice:language": ("POST", {},                              (302, 302, 302, 302, 302, 302, 302, 302, 302)),
    "selfservice:logout": ("POST", {},                                (200, 200, 200, 200, 200, 200, 200, 200, 200)),
    "selfservice:problem": ("GET", {"reason": "=expired"},            (200, 200, 200, 200, 200, 200, 200, 200, 200)),
    "selfservice:invitation": ("GET", {"participant_id": "participant"},
                                                                      (302, 200, 200, 403, 403, 403, 404, 302, 404)),
    "selfservice:invitation_revoke": ("POST", {"participant_id": "participant"},
                                                                      (302, 302, 302, 403, 403, 403, 404, 302, 404)),
    # --- interests -------------------------------------------------------------------------------------------
    "interests:questionnaire": ("GET", {},                            (403, 403, 403, 403, 403, 403, 403, 200, 403)),
    "interests:question": ("GET", {"set_id": "answer_set", "position": "=1"},
                                                                      (403, 403, 403, 403, 403, 403, 403, 200, 403)),
    "interests:review": ("GET", {"set_id": "answer_set"},             (403, 403, 403, 403, 403, 403, 403, 200, 403)),
    "interests:result": ("GET", {},                                   (403, 403, 403, 403, 403, 403, 403, 302, 403)),
    "interests:condition": ("GET", {"step": "=1"},                    (403, 403, 403, 403, 403, 403, 403, 200, 403)),
    "interests:skills": ("GET", {},                                   (403, 403, 403, 403, 403, 403, 403, 200, 403)),
    "interests:skills_saved": ("GET", {},                             (403, 403, 403, 403, 403, 403, 403, 200, 403)),
    "interests:participant": ("GET", {"participant_id": "participant"},
                                                                      (302, 200, 200, 403, 403, 403, 404, 302, 404)),
    # --- programmes ------------------------------------------------------------------------------------------
    "programmes:course_list": ("GET", {},                             (302, 200, 200, 200, 200, 403, 403, 302, 200)),
    "programmes:catalogue": ("GET", {},                               (302, 200, 200, 200, 403, 403, 403, 302, 200)),
    "programmes:module_create": ("GET", {},                           (302, 200, 403, 403, 403, 403, 403, 302, 403)),
    "programmes:module_detail": ("GET", {"pk": "module"},             (302, 200, 200, 200, 403, 403, 403, 302, 404)),
    "programmes:module_edit": ("GET", {"pk": "module"},               (302, 200, 403, 403, 403, 403, 403, 302, 403)),
    "programmes:course_create": ("GET", {},                           (302, 200, 403, 403, 403, 403, 403, 302, 403)),
    "programmes:course_detail": ("GET", {"pk": "course"},             (302, 200, 200, 200, 200, 404, 404, 302, 404)),
    "programmes:course_calendar": ("GET", {"pk": "course"},           (302, 200, 200, 200, 200, 404, 404, 302, 404)),
    "programmes:course_trainer": ("POST", {"pk": "course"},           (302, 302, 403, 403, 403, 403, 403, 302, 403),
        {"profile": "trainer_profile", "action": "=remove"}),
    "programmes:session_create": ("POST", {"pk": "course"},           (302, 302, 403, 403, 403, 404, 404, 302, 404)),
    "programmes:attendance": ("GET", {"pk": "session"},               (302, 200, 403, 403, 200, 404, 404, 302, 404)),
    "programmes:attendance_mark": ("POST", {"pk": "session", "enrolment_id": "enrolment"},
                                                                      (302, 302, 403, 403, 302, 404, 404, 302, 404)),
    "programmes:my_calendar": ("GET", {},                             (302, 200, 200, 200, 200, 403, 403, 302, 200)),
    "programmes:ical": ("GET", {"token": "ical_token"},               (200, 200, 200, 200, 200, 200, 200, 200, 200)),
    "programmes:enrol": ("GET", P,                                    (302, 200, 200, 403, 403, 403, 404, 302, 404)),
    "programmes:withdraw": ("POST", {"pk": "enrolment"},              (302, 200, 200, 403, 403, 403, 404, 302, 404)),
    "programmes:enrolment_complete": ("POST", {"pk": "enrolment"},    (302, 302, 403, 403, 302, 404, 404, 302, 404)),
    "programmes:certificate_issue": ("POST", {"pk": "enrolment"},     (302, 302, 403, 403, 302, 404, 404, 302, 404)),
    "programmes:certificate_pdf": ("GET", {"pk": "certificate"},      (302, 200, 200, 403, 200, 403, 404, 302, 404)),
    "programmes:verify": ("GET", {"code": "certificate_code"},        (200, 200, 200, 200, 200, 200, 200, 200, 200)),
    "programmes:task_done": ("POST", {"pk": "task"},                  (302, 302, 302, 403, 404, 404, 404, 302, 404)),
    "programmes:trainer_list": ("GET", {},                            (302, 200, 403, 403, 403, 403, 403, 302, 403)),
    "programmes:trainer_create": ("GET", {},                          (302, 200, 403, 403, 403, 403, 403, 302, 403)),
    "programmes:trainer_detail": ("GET", {"pk": "trainer_profile"},   (302, 200, 403, 403, 403, 403, 403, 302, 403)),
    "programmes:trainer_calendar": ("GET", {"pk": "trainer_profile"}, (302, 200, 403, 403, 403, 403, 403, 302, 403)),
    "programmes:kit_list": ("GET", {},                                (302, 200, 403, 403, 403, 403, 403, 302, 403)),
    "programmes:kit_create": ("GET", {},                              (302, 200, 403, 403, 403, 403, 403, 302, 403)),
    "programmes:kit_detail": ("GET", {"pk": "kit"},                   (302, 200, 403, 403, 403, 403, 403, 302, 403)),
    "programmes:loan_return": ("POST", {"pk": "loan"},                (302, 302, 403, 403, 403, 403, 403, 302, 403)),
    "programmes:loan_lost": ("POST", {"pk": "loan"},                  (302, 302, 403, 403, 403, 403, 403, 302, 403)),
    # --- recommendations -------------------------------------------------------------------------------------
    "recommendations:participant": ("GET", P,                         (302, 200, 200, 403, 403, 403, 404, 302, 404)),
    "recommendations:feedback": ("POST", P,                           (302, 302, 302, 403, 403, 403, 404, 302, 404)),
    "recommendations:sheet": ("GET", P,                               (302, 200, 200, 403, 403, 403, 404, 302, 404)),
    "recommendations:who_fits": ("GET", {},                           (302, 200, 200, 200, 403, 403, 403, 302, 200)),
    "recommendations:acceptance": ("GET", {},                         (302, 200, 403, 403, 403, 403, 403, 302, 403)),
    "recommendations:demand": ("GET", {},                             (302, 200, 403, 403, 403, 403, 403, 302, 403)),
    # --- plans -----------------------------------------------------------------------------------------------
    "plans:me": ("GET", {},                                           (403, 403, 403, 403, 403, 403, 403, 200, 403)),
    "plans:me_acknowledge": ("POST", {},                              (403, 403, 403, 403, 403, 403, 403, 404, 403),
        {"number": "plan_draft"}),
    "plans:me_pdf": ("GET", {},                                       (403, 403, 403, 403, 403, 403, 403, 200, 403)),
    "plans:detail": ("GET", P,                                        (302, 200, 200, 403, 403, 403, 404, 302, 404)),
    "plans:draft_create": ("POST", P,                                 (302, 302, 302, 403, 403, 403, 404, 302, 404)),
    "plans:from_recommendation": ("POST", P,                          (302, 302, 302, 403, 403, 403, 404, 302, 404)),
    "plans:diff": ("GET", P,                                          (302, 200, 200, 403, 403, 403, 404, 302, 404),
        {"a": "plan_number", "b": "plan_draft"}),
    "plans:version": ("GET", {"pk": "participant", "number": "plan_number"},
                                                                      (302, 200, 200, 403, 403, 403, 404, 302, 404)),
    "plans:goal": ("POST", {"pk": "participant", "number": "plan_draft"},
                                                                      (302, 422, 422, 403, 403, 403, 404, 302, 404)),
    "plans:step_add": ("POST", {"pk": "participant", "number": "plan_draft"},
                                                                      (302, 422, 422, 403, 403, 403, 404, 302, 404)),
    "plans:step_edit": ("GET", {"pk": "participant", "number": "plan_draft", "step_pk": "plan_step"},
                                                                      (302, 200, 200, 403, 403, 403, 404, 302, 404)),
    "plans:step_remove": ("POST", {"pk": "participant", "number": "plan_draft", "step_pk": "plan_step"},
                                                                      (302, 302, 302, 403, 403, 403, 404, 302, 404)),
    "plans:agree": ("POST", {"pk": "participant", "number": "plan_draft"},
                                                                      (302, 422, 422, 403, 403, 403, 404, 302, 404)),
    "plans:transition": ("POST", {"pk": "participant", "number": "plan_draft", "what": "=discard"},
                                                                      (302, 302, 302, 403, 403, 403, 404, 302, 404)),
    "plans:pdf": ("GET", {"pk": "participant", "number": "plan_number"},
                                                                      (302, 200, 200, 403, 403, 403, 404, 302, 404)),
    # --- partners --------------------------------------------------------------------------------------------
    "partners:consents": ("GET", P,                                   (302, 200, 200, 403, 403, 403, 404, 302, 404)),
    "partners:referral_create": ("GET", P,                            (302, 200, 200, 403, 403, 403, 404, 302, 404)),
    "partners:participant_vacancies": ("GET", P,                      (302, 200, 200, 403, 403, 403, 404, 302, 404)),
    "partners:consent_withdraw": ("POST", {"pk": "consent"},          (302, 302, 302, 403, 403, 403, 404, 302, 404)),
    "partners:consent_file": ("GET", {"pk": "consent"},               (302, 200, 200, 403, 403, 403, 404, 302, 404)),
    "partners:referral_list": ("GET", {},                             (302, 200, 200, 200, 403, 403, 403, 302, 200)),
    "partners:referral_cancel": ("POST", {"pk": "referral"},          (302, 302, 302, 403, 403, 403, 403, 302, 404)),
    "partners:followup_done": ("POST", {"pk": "referral_followup"},   (302, 302, 302, 403, 403, 403, 403, 302, 404)),
    "partners:portal": ("GET", {},                                    (302, 403, 403, 403, 403, 200, 403, 302, 403)),
    "partners:portal_referral": ("GET", {"pk": "referral"},           (302, 403, 403, 403, 403, 200, 403, 302, 403)),
    "partners:vacancy_list": ("GET", {},                              (302, 200, 200, 200, 403, 403, 403, 302, 200)),
    "partners:vacancy_create": ("GET", {},                            (302, 200, 200, 200, 403, 403, 403, 302, 200)),
    "partners:vacancy_detail": ("GET", {"pk": "vacancy"},             (302, 200, 200, 200, 403, 403, 403, 302, 200)),
    "partners:vacancy_edit": ("GET", {"pk": "vacancy"},               (302, 200, 200, 200, 403, 403, 403, 302, 200)),
    "partners:me_consents": ("GET", {},                               (403, 403, 403, 403, 403, 403, 403, 200, 403)),
    "partners:me_consent_answer": ("POST", {"pk": "consent"},         (403, 403, 403, 403, 403, 403, 403, 302, 403)),
    # --- reporting -------------------------------------------------------------------------------------------
    "reporting:dashboard": ("GET", {},                                (302, 200, 200, 200, 403, 403, 403, 302, 200)),
    "reporting:export": ("GET", {"dimension": "=gender", "fmt": "=csv"},
                                                                      (302, 200, 200, 200, 403, 403, 403, 302, 200)),
    "reporting:dashboard_pdf": ("GET", {},                            (302, 200, 200, 200, 403, 403, 403, 302, 200)),
    "reporting:funder_home": ("GET", {},                              (302, 200, 403, 403, 403, 403, 200, 302, 403)),
    "reporting:funding_detail": ("GET", {"pk": "funding"},            (302, 200, 403, 403, 403, 403, 200, 302, 403)),
    "reporting:report_create": ("POST", {"pk": "funding"},            (302, 302, 403, 403, 403, 403, 302, 302, 403)),
    "reporting:report_download": ("GET", {"pk": "funder_report", "fmt": "=xlsx"},
                                                                      (302, 200, 403, 403, 403, 403, 200, 302, 403)),
    "reporting:participant_outcomes": ("GET", P,                      (302, 200, 200, 403, 403, 403, 404, 302, 404)),
    "reporting:followup_answer": ("POST", {"pk": "outcome_followup"}, (302, 302, 302, 403, 403, 403, 404, 302, 404)),
    # --- privacy ---------------------------------------------------------------------------------------------
    "privacy:access_export": ("POST", P,                              (302, 200, 200, 403, 403, 403, 403, 302, 404)),
    "privacy:restriction": ("GET", P,                                 (302, 200, 200, 403, 403, 403, 403, 302, 404)),
    "privacy:restriction_lift": ("POST", P,                           (302, 302, 302, 403, 403, 403, 403, 302, 404)),
    # --- retention (legal holds; organisation admins only; a hold of another organisation is 404) ------------
    "retention:holds": ("GET", {},                                    (302, 200, 403, 403, 403, 403, 403, 302, 403)),
    "retention:hold_lift": ("POST", {"pk": "legal_hold"},             (302, 302, 403, 403, 403, 403, 403, 302, 403)),
    # --- participants ----------------------------------------------------------------------------------------
    "participants:dashboard": ("GET", {},                             (302, 200, 200, 200, 200, 200, 200, 302, 200)),
    "participants:list": ("GET", {},                                  (302, 200, 200, 200, 403, 403, 403, 302, 200)),
    "participants:create": ("GET", {},                                (302, 200, 200, 200, 403, 403, 403, 302, 200)),
    "participants:detail": ("GET", P,                                 (302, 200, 200, 403, 200, 200, 404, 302, 404)),
    "participants:edit": ("GET", P,                                   (302, 200, 200, 403, 403, 403, 404, 302, 404)),
    "participants:contact_add": ("POST", P,                           (302, 302, 302, 403, 403, 403, 404, 302, 404)),
    "participants:access_log": ("GET", P,                             (302, 200, 200, 403, 403, 403, 404, 302, 404)),
    "participants:merge": ("GET", P,                                  (302, 200, 403, 403, 403, 403, 404, 302, 404)),
    "participants:suggestion_decide": (
        "POST", {"pk": "participant", "suggestion_id": "suggestion", "status": "=rejected"},
                                                                      (302, 302, 302, 403, 403, 403, 404, 302, 404)),
    "participants:entry_add": ("GET", {"pk": "participant", "section": "=work"},
                                                                      (302, 200, 200, 403, 403, 403, 404, 302, 404)),
    "participants:entry_edit": ("GET", {"pk": "participant", "section": "=work", "entry_id": "work_entry"},
                                                                      (302, 200, 200, 403, 403, 403, 404, 302, 404)),
    "participants:entry_delete": ("POST", {"pk": "participant", "section": "=work", "entry_id": "work_entry"},
                                                                      (302, 302, 302, 403, 403, 403, 404, 302, 404)),
}

# Object-level checks (no IDOR through a second id): the role may use the URL with its own objects (see MATRIX),
# but here one kwarg (or form field) names someone else's object: another participant's entry, suggestion, plan
# step, enrolment, answer set or consent.  Method and the other kwargs come from the MATRIX line.
#   (url name, role, {kwarg: world key} replacing MATRIX kwargs, expected code)
FOREIGN: list[tuple[str, str, dict[str, str], int]] = [
    ("participants:entry_edit", "cw", {"entry_id": "foreign_work_entry"}, 404),
    ("participants:entry_delete", "cw", {"entry_id": "foreign_work_entry"}, 404),
    ("participants:suggestion_decide", "cw", {"suggestion_id": "foreign_suggestion"}, 404),
    ("plans:step_edit", "cw", {"step_pk": "foreign_step"}, 404),
    ("plans:step_remove", "cw", {"step_pk": "foreign_step"}, 404),
    ("api:plan_step", "cw", {"step": "foreign_step"}, 404),
    ("programmes:attendance_mark", "trainer", {"enrolment_id": "foreign_enrolment"}, 404),
    ("programmes:attendance_mark", "admin", {"enrolment_id": "foreign_enrolment"}, 404),
    ("interests:question", "me", {"set_id": "foreign_answer_set"}, 404),
    ("interests:review", "me", {"set_id": "foreign_answer_set"}, 404),
    ("partners:me_consent_answer", "me", {"pk": "foreign_consent"}, 404),
    ("partners:consent_withdraw", "cw", {"pk": "foreign_consent"}, 403),
    ("partners:consent_file", "cw", {"pk": "foreign_consent"}, 403),
    ("programmes:withdraw", "cw", {"pk": "foreign_enrolment"}, 403),
]

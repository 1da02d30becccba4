from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from . import plans, programmes, referrals, reports, vacancies, views

router = DefaultRouter()
router.register("participants", views.ParticipantViewSet, basename="participant")
router.register("modules", programmes.ModuleViewSet, basename="module")
router.register("courses", programmes.CourseViewSet, basename="course")
router.register("referrals", referrals.ReferralViewSet, basename="referral")
router.register("portal/referrals", referrals.PortalReferralViewSet, basename="portal-referral")
router.register("vacancies", vacancies.VacancyViewSet, basename="vacancy")
router.register("reports/fundings", reports.FundingViewSet, basename="funding")

app_name = "api"
urlpatterns = [
    path("participants/<str:pk>/plan/", plans.PlanView.as_view(), name="plan"),
    path("participants/<str:pk>/plan/versions/<str:number>/", plans.VersionView.as_view(), name="plan_version"),
    path("participants/<str:pk>/plan/versions/<str:number>/steps/", plans.StepCreateView.as_view(),
         name="plan_steps"),
    path("participants/<str:pk>/plan/versions/<str:number>/steps/<str:step>/", plans.StepUpdateView.as_view(),
         name="plan_step"),
    path("participants/<str:pk>/referrals/", referrals.ParticipantReferralsView.as_view(),
         name="participant_referrals"),
    path("sessions/<str:pk>/attendance/", programmes.SessionAttendanceView.as_view(), name="session_attendance"),
    path("reports/summary/", reports.ReportSummaryView.as_view(), name="report_summary"),
    path("", include(router.urls)),
    path("match/occupations", views.MatchOccupationsView.as_view(), name="match_occupations"),
    path("match/skills", views.MatchSkillsView.as_view(), name="match_skills"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api:schema"), name="docs"),
]

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("participants", views.ParticipantViewSet, basename="participant")

app_name = "api"
urlpatterns = [
    path("", include(router.urls)),
    path("match/occupations", views.MatchOccupationsView.as_view(), name="match_occupations"),
    path("match/skills", views.MatchSkillsView.as_view(), name="match_skills"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularRedocView.as_view(url_name="api:schema"), name="docs"),
]

from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("wegweiser.api.urls")),
    path("accounts/", include("wegweiser.accounts.urls")),
    path("audit/", include("wegweiser.audit.urls")),
    path("taxonomy/", include("wegweiser.taxonomy.urls")),
    path("me/", include("wegweiser.selfservice.urls")),
    path("interests/", include("wegweiser.interests.urls")),
    path("programmes/", include("wegweiser.programmes.urls")),
    path("recommendations/", include("wegweiser.recommendations.urls")),
    path("plans/", include("wegweiser.plans.urls")),
    path("partners/", include("wegweiser.partners.urls")),
    path("reporting/", include("wegweiser.reporting.urls")),
    path("retention/", include("wegweiser.retention.urls")),
    path("privacy/", include("wegweiser.privacy.urls")),
    path("", include("wegweiser.participants.urls")),
]

handler404 = "wegweiser.api.views.not_found"

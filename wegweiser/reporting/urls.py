from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/<slug:dimension>.<str:fmt>", views.export_table, name="export"),
    path("report.pdf", views.dashboard_pdf, name="dashboard_pdf"),
    path("funders/", views.funder_home, name="funder_home"),
    path("fundings/<int:pk>/", views.funding_detail, name="funding_detail"),
    path("fundings/<int:pk>/generate/", views.report_create, name="report_create"),
    path("reports/<int:pk>.<str:fmt>", views.report_download, name="report_download"),
    path("participants/<int:pk>/outcomes/", views.participant_outcomes, name="participant_outcomes"),
    path("followups/<int:pk>/answer/", views.followup_answer, name="followup_answer"),
]

from django.urls import path

from . import views

app_name = "selfservice"
urlpatterns = [
    path("", views.home, name="home"),
    path("i/<str:token>/", views.redeem, name="redeem"),
    path("code/", views.code_entry, name="code"),
    path("language/", views.language, name="language"),
    path("logout/", views.logout, name="logout"),
    path("problem/<slug:reason>/", views.problem, name="problem"),
    path("invitations/<int:participant_id>/", views.invitation, name="invitation"),
    path("invitations/<int:participant_id>/revoke/", views.invitation_revoke, name="invitation_revoke"),
]

from django.urls import path

from . import views

app_name = "interests"
urlpatterns = [
    path("me/", views.questionnaire, name="questionnaire"),
    path("me/<int:set_id>/<int:position>/", views.question, name="question"),
    path("me/<int:set_id>/review/", views.review, name="review"),
    path("me/result/", views.result, name="result"),
    path("me/conditions/<int:step>/", views.condition, name="condition"),
    path("me/skills/", views.skills, name="skills"),
    path("me/skills/saved/", views.skills_saved, name="skills_saved"),
    path("participants/<int:participant_id>/", views.participant_interests, name="participant"),
]

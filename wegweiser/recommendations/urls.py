from django.urls import path

from . import views

app_name = "recommendations"
urlpatterns = [
    path("participants/<int:pk>/", views.participant_recommendations, name="participant"),
    path("participants/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("participants/<int:pk>/sheet/", views.advice_sheet, name="sheet"),
    path("fit/", views.who_fits, name="who_fits"),
    path("acceptance/", views.acceptance, name="acceptance"),
    path("demand/", views.demand, name="demand"),
]

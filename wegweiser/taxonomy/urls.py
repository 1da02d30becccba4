from django.urls import path

from . import views

app_name = "taxonomy"
urlpatterns = [
    path("", views.taxonomy_index, name="index"),
    path("occupations/<int:pk>/", views.occupation_detail, name="occupation_detail"),
    path("skills/<int:pk>/", views.skill_detail, name="skill_detail"),
]

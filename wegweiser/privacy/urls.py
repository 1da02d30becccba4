from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("participants/<int:pk>/access-export/", views.access_export, name="access_export"),
    path("participants/<int:pk>/restriction/", views.restriction, name="restriction"),
    path("participants/<int:pk>/restriction/lift/", views.restriction_lift, name="restriction_lift"),
]

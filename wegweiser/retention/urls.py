from django.urls import path

from . import views

app_name = "retention"
urlpatterns = [
    path("holds/", views.hold_list, name="holds"),
    path("holds/<int:pk>/lift/", views.hold_lift, name="hold_lift"),
]

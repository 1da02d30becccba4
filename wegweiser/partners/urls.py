from django.urls import URLPattern

app_name = "partners"
urlpatterns: list[URLPattern] = []  # the app's views are added here

from django.urls import URLPattern

app_name = "reporting"
urlpatterns: list[URLPattern] = []  # the app's views are added here

from django.urls import URLPattern

app_name = "interests"
urlpatterns: list[URLPattern] = []  # the app's views are added here

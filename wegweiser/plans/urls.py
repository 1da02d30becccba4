from django.urls import URLPattern

app_name = "plans"
urlpatterns: list[URLPattern] = []  # the app's views are added here

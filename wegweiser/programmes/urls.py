from django.urls import URLPattern

app_name = "programmes"
urlpatterns: list[URLPattern] = []  # the app's views are added here

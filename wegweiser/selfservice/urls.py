from django.urls import URLPattern

app_name = "selfservice"
urlpatterns: list[URLPattern] = []  # the app's views are added here

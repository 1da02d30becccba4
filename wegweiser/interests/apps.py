from django.apps import AppConfig


class InterestsConfig(AppConfig):
    name = "wegweiser.interests"
    label = "interests"

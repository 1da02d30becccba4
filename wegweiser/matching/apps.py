from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "wegweiser.matching"
    label = "matching"

from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "wegweiser.recommendations"
    label = "recommendations"

from django.apps import AppConfig


class SelfserviceConfig(AppConfig):
    name = "wegweiser.selfservice"
    label = "selfservice"

from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "wegweiser.programmes"
    label = "programmes"

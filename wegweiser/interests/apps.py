from django.apps import AppConfig


class InterestsConfig(AppConfig):
    name = "wegweiser.interests"
    label = "interests"

    def ready(self) -> None:
        from . import activities

        activities.register_all()

from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "wegweiser.plans"
    label = "plans"

    def ready(self) -> None:
        from . import activities

        activities.register_all()

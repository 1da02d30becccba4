from django.apps import AppConfig


class ParticipantsConfig(AppConfig):
    name = "wegweiser.participants"
    label = "participants"

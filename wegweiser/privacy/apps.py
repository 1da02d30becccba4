from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "wegweiser.privacy"
    label = "privacy"
    verbose_name = "Datenschutz"

from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "wegweiser.retention"
    label = "retention"
    verbose_name = "Aufbewahrung und Sicherung"

from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "wegweiser.taxonomy"
    label = "taxonomy"

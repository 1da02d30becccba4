from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "wegweiser.accounts"
    label = "accounts"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the lockout audit receiver)

from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "wegweiser.programmes"
    label = "programmes"
    verbose_name = "Programme"

    def ready(self) -> None:
        from wegweiser.accounts.models import Role
        from wegweiser.participants import policy as participant_policy

        from .policy import trainer_participant_q

        participant_policy.register_scope_provider(Role.TRAINER, trainer_participant_q)

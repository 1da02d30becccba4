from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "wegweiser.partners"
    label = "partners"
    verbose_name = "Partner"

    def ready(self) -> None:
        from wegweiser.accounts.models import Role
        from wegweiser.participants import policy as participant_policy

        from . import activities
        from .policy import partner_participant_q

        participant_policy.register_scope_provider(Role.PARTNER, partner_participant_q)
        activities.register_all()

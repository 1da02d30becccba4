"""Replace recovery codes stored in plain text by their keyed digests (see accounts/recovery.py)."""

import re

from django.db import migrations

from wegweiser.accounts.recovery import code_digest

_DIGEST = re.compile(r"^[0-9a-f]{16}$")


def codes_to_digests(apps, schema_editor):
    StaticToken = apps.get_model("otp_static", "StaticToken")
    for token in StaticToken.objects.all().iterator():
        if not _DIGEST.match(token.token):  # django-otp's own codes are 8 base32 characters
            token.token = code_digest(token.token)
            token.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_must_change_password"),
        ("otp_static", "0003_add_timestamps"),
    ]

    # one-way: the plain codes cannot be recovered from their digests
    operations = [migrations.RunPython(codes_to_digests, migrations.RunPython.noop)]

# Indexes only (issue 11, bench/load.py): the need-to-know scope, the customer-number search, and on
# PostgreSQL a trigram index so that `search_text LIKE '%token%'` does not read the whole caseload.

import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models, transaction

TRIGRAM_INDEX = "participant_search_trgm"


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as exc:  # noqa: BLE001 - search still works without the index, only slower
        print(f"\n  pg_trgm not available ({exc}); participant search stays without a trigram index")
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON participants_participant "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('participants', '0002_suggestions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='participant',
            index=models.Index(condition=models.Q(('merged_into__isnull', True)), fields=['organisation', 'team', 'caseworker'], name='participant_scope_idx'),
        ),
        migrations.AddIndex(
            model_name='participant',
            index=models.Index(django.db.models.functions.text.Upper('customer_number'), name='participant_custno_upper_idx'),
        ),
        migrations.AddIndex(
            model_name='participant',
            index=models.Index(fields=['organisation', 'last_contact_on', 'id'], name='participant_org_contact_idx'),
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index, elidable=False),
    ]

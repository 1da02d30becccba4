"""Consent texts version 1 (plain language, 8 languages, unreviewed)."""

from django.db import migrations


def add_texts(apps, schema_editor):
    from wegweiser.partners import consent_texts

    ConsentText = apps.get_model("partners", "ConsentText")
    for purpose, language, text in consent_texts.all_texts():
        ConsentText.objects.get_or_create(purpose=purpose, language=language, version=consent_texts.VERSION,
                                          defaults={"text": text, "reviewed": False})


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]
    operations = [migrations.RunPython(add_texts, migrations.RunPython.noop)]

"""Unit.search_key: the unit's name, short name and code without accents, for the unit search
(the filters' type-ahead), filled for the units already there."""

from django.db import migrations, models

from core.names import search_key


def fill_keys(apps, schema_editor):
    Unit = apps.get_model("units", "Unit")
    units = list(Unit.objects.only("name", "short_name", "code"))
    for unit in units:
        unit.search_key = "|".join(
            search_key(value) for value in (unit.name, unit.short_name, unit.code)
        )
    Unit.objects.bulk_update(units, ["search_key"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0004_historicalcluster_members"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalunit",
            name="search_key",
            field=models.CharField(default="", editable=False, max_length=400),
        ),
        migrations.AddField(
            model_name="unit",
            name="search_key",
            field=models.CharField(default="", editable=False, max_length=400),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]

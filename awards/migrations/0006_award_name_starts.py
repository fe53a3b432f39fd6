"""AwardNameStart: the history lookup's index of name keys from each word on, filled for the
records already there."""

import django.db.models.deletion
from django.db import migrations, models


def fill_starts(apps, schema_editor):
    AwardRecord = apps.get_model("awards", "AwardRecord")
    AwardNameStart = apps.get_model("awards", "AwardNameStart")
    rows = []
    for pk, key in AwardRecord.objects.values_list("pk", "name_key").iterator(chunk_size=5000):
        words = key.split(" ")
        starts = {" ".join(words[i:]) for i in range(len(words)) if words[i]}
        rows.extend(AwardNameStart(record_id=pk, start=start) for start in starts)
        if len(rows) >= 5000:
            AwardNameStart.objects.bulk_create(rows)
            rows = []
    AwardNameStart.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0005_list_order_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="AwardNameStart",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("start", models.CharField(db_index=True, max_length=255)),
                (
                    "record",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="name_starts",
                        to="awards.awardrecord",
                    ),
                ),
            ],
            options={
                "verbose_name": "từ khóa tra cứu khen thưởng",
                "verbose_name_plural": "từ khóa tra cứu khen thưởng",
            },
        ),
        migrations.RunPython(fill_starts, migrations.RunPython.noop),
    ]

"""The duplicate rule (services._duplicates) held by the database.

Every database gets the unique constraint of Dossier.Meta. On PostgreSQL an exclusion
constraint also holds the part a unique index cannot: a dossier without a date of birth is
the same nominee as any dossier of that name with one. The date becomes a range, the whole
timeline when it is missing, and two open dossiers of one name, kind, award and year may not
have overlapping ranges. btree_gist gives GiST the `=` of plain columns; it is a trusted
extension (PostgreSQL 13+), so the database's owner may create it.
"""

import datetime

import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models

# OPEN_STATES | GRANTED_STATES as they are today (a migration does not follow later edits).
HELD_STATES = [
    "approved",
    "before_council",
    "central_approved",
    "forwarded",
    "in_appraisal",
    "returned",
    "submitted",
]
EXCLUSION = "dossier_nominee_once_per_award_and_year_pg"
NO_BIRTH_DATE = datetime.date(1, 1, 1)


def refuse_existing_duplicates(apps, schema_editor):
    """Stop with the dossiers to sort out, rather than a bare IntegrityError, if two open or
    granted dossiers of one nominee already exist (a race before this constraint, an edit
    in admin). Which one stays is the office's decision, not a migration's."""
    Dossier = apps.get_model("awards", "Dossier")
    held = Dossier.objects.filter(state__in=HELD_STATES).annotate(
        born=django.db.models.functions.comparison.Coalesce(
            "date_of_birth", models.Value(NO_BIRTH_DATE)
        )
    )
    keys = ("nominee_key", "nominee_kind", "award_type_id", "year", "born")
    groups = list(held.values(*keys).annotate(n=models.Count("pk")).filter(n__gt=1).order_by(*keys))
    if not groups:
        return
    lines = []
    for group in groups[:20]:
        references = held.filter(**{key: group[key] for key in keys}).order_by("reference")
        lines.append("  " + ", ".join(references.values_list("reference", flat=True)))
    raise RuntimeError(
        "Các hồ sơ sau cùng đề nghị một đối tượng, một danh hiệu trong một năm và đều đang "
        "mở hoặc đã được khen thưởng; hãy xử lý để mỗi dòng chỉ còn một hồ sơ rồi chạy lại "
        "migrate:\n"
        + "\n".join(lines)
        + (f"\n  (và {len(groups) - 20} nhóm khác)" if len(groups) > 20 else "")
    )


def add_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    states = ", ".join(f"'{state}'" for state in HELD_STATES)
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE awards_dossier ADD CONSTRAINT {EXCLUSION} EXCLUDE USING gist ("
        "nominee_key WITH =, nominee_kind WITH =, award_type_id WITH =, year WITH =, "
        "daterange(date_of_birth, date_of_birth, '[]') WITH &&"
        f") WHERE (state IN ({states}))"
    )


def drop_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE awards_dossier DROP CONSTRAINT IF EXISTS {EXCLUSION}")


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0003_historicaldossier_initiatives"),
        ("units", "0004_historicalcluster_members"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(refuse_existing_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="dossier",
            constraint=models.UniqueConstraint(
                models.F("nominee_key"),
                models.F("nominee_kind"),
                models.F("award_type"),
                models.F("year"),
                django.db.models.functions.comparison.Coalesce(
                    models.F("date_of_birth"), models.Value(NO_BIRTH_DATE)
                ),
                condition=models.Q(("state__in", HELD_STATES)),
                name="dossier_nominee_once_per_award_and_year",
                violation_error_message=(
                    "Đối tượng này đã có hồ sơ khác đề nghị cùng danh hiệu, hình thức trong năm."
                ),
            ),
        ),
        migrations.RunPython(add_exclusion, drop_exclusion),
    ]

from django.db import migrations

# Huân chương and Huy chương by kind and class (issue 15, point 4), in a migration of its own:
# PostgreSQL refuses the index 0011 adds once rows of the same transaction point at it.
# Every record and dossier of the undifferentiated "Huân chương" or "Huy chương" keeps
# pointing at it: it becomes the parent of its kinds and classes, since nothing in a record says which class it was (the
# office moves a record to its class by hand, in admin, with history). A database with no
# catalogue yet gets the kinds when the fixture loads (awards.catalogue.load_catalogue).
CLASSES = [("nhat", "Nhất", "first"), ("nhi", "Nhì", "second"), ("ba", "Ba", "third")]
KINDS = {
    "huan-chuong": [
        (
            f"huan-chuong-lao-dong-hang-{slug}",
            f"Huân chương Lao động hạng {name}",
            "Huân chương Lao động",
            award_class,
        )
        for slug, name, award_class in CLASSES
    ],
    "huy-chuong": [
        (
            "huy-chuong-quan-ky-quyet-thang",
            "Huy chương Quân kỳ quyết thắng",
            "Huy chương Quân kỳ quyết thắng",
            "",
        ),
        (
            "huy-chuong-vi-an-ninh-to-quoc",
            "Huy chương Vì an ninh Tổ quốc",
            "Huy chương Vì an ninh Tổ quốc",
            "",
        ),
        *[
            (
                f"huy-chuong-chien-si-ve-vang-hang-{slug}",
                f"Huy chương Chiến sĩ vẻ vang hạng {name}",
                "Huy chương Chiến sĩ vẻ vang",
                award_class,
            )
            for slug, name, award_class in CLASSES
        ],
        ("huy-chuong-huu-nghi", "Huy chương Hữu nghị", "Huy chương Hữu nghị", ""),
    ],
}


def add_kinds(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    for parent_code, kinds in KINDS.items():
        parent = AwardType.objects.filter(code=parent_code).first()
        if parent is None:
            continue
        for code, name, kind, award_class in kinds:
            AwardType.objects.get_or_create(
                code=code,
                defaults={
                    "name": name,
                    "form": parent.form,
                    "level": parent.level,
                    "recipient": parent.recipient if parent_code == "huan-chuong" else "individual",
                    "decided_by": parent.decided_by,
                    "required_documents": list(parent.required_documents),
                    "parent": parent,
                    "kind": kind,
                    "award_class": award_class,
                    "position": parent.position,
                },
            )


def drop_kinds(apps, schema_editor):
    # Back: the kinds go only if nothing points at them (PROTECT refuses otherwise).
    AwardType = apps.get_model("awards", "AwardType")
    codes = [code for kinds in KINDS.values() for code, *_ in kinds]
    AwardType.objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0011_award_kinds_households")]

    operations = [migrations.RunPython(add_kinds, drop_kinds)]

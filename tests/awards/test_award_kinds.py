"""Huân chương and Huy chương by kind and class (issue 15, point 4): data, the migration that
keeps every earlier record, and the rule sets' requirements for them."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from awards import eligibility
from awards.enums import AwardClass
from awards.models import AwardRecord, AwardType, Requirement

pytestmark = pytest.mark.django_db

kinds_migration = importlib.import_module("awards.migrations.0012_award_kinds_data")


def test_labour_order_comes_in_three_classes_under_the_undifferentiated_entry():
    classes = AwardType.objects.filter(kind="Huân chương Lao động").order_by("position")
    assert [(t.name, t.award_class) for t in classes] == [
        ("Huân chương Lao động hạng Nhất", AwardClass.FIRST),
        ("Huân chương Lao động hạng Nhì", AwardClass.SECOND),
        ("Huân chương Lao động hạng Ba", AwardClass.THIRD),
    ]
    assert {t.parent.code for t in classes} == {"huan-chuong"}
    medals = AwardType.objects.get(code="huy-chuong").kinds.values_list("name", flat=True)
    assert "Huy chương Chiến sĩ vẻ vang hạng Ba" in medals
    assert "Huy chương Quân kỳ quyết thắng" in medals


def test_the_migration_adds_the_kinds_and_leaves_earlier_records_on_their_type():
    generic = AwardType.objects.get(code="huan-chuong")
    record = AwardRecord.objects.create(
        name="Trường THPT Việt Bắc", nominee_kind="collective", year=2010, award_type=generic
    )
    # A database from before the kinds: neither they nor their rule sets' lines exist yet.
    Requirement.objects.filter(award_type__parent__isnull=False).delete()
    AwardType.objects.filter(parent__isnull=False).delete()

    kinds_migration.add_kinds(apps, None)
    kinds_migration.add_kinds(apps, None)  # twice: nothing doubles

    record.refresh_from_db()
    assert record.award_type == generic
    third = AwardType.objects.get(code="huan-chuong-lao-dong-hang-ba")
    assert (third.parent, third.award_class, third.recipient) == (generic, "third", "both")
    assert AwardType.objects.filter(parent__code="huy-chuong").count() == 6


def test_the_2022_law_names_the_article_for_the_third_class(make_dossier):
    dossier = make_dossier("huan-chuong-lao-dong-hang-ba", year=2024)
    warnings = [str(w) for w in eligibility.dossier_warnings(dossier)]
    assert any(
        w.startswith("Khoản 2 Điều 44, Luật Thi đua, Khen thưởng 2022: Công nhân, nông dân")
        for w in warnings
    )


def test_a_class_the_texts_do_not_ground_shows_unverified_on_the_dossier(
    client, officer, make_dossier
):
    dossier = make_dossier("huan-chuong-lao-dong-hang-nhi", year=2013)
    client.force_login(officer)
    page = client.get(reverse("awards:dossier", args=[dossier.pk])).content.decode()
    assert "Huân chương Lao động hạng Nhì" in page
    assert "số điều chưa kiểm chứng" in page
    assert "chưa kiểm chứng</span>" in page
    assert eligibility.ruleset_on(datetime.date(2013, 12, 31)).code == "tdkt-2005"

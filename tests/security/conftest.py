"""Fixtures of the security tests: one object of every unit-owned kind for unit A (the
officer's, Sở Giáo dục và Đào tạo) and for unit B (officer2's, UBND huyện Cao Lộc), each
made through the services, as a user would."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile

from awards import services as award_services
from awards.enums import DossierState
from awards.models import Dossier, DossierDocument, Initiative
from core.models import ExportJob, ExportJobStatus, Notice, NoticeKind
from core.notices import notify
from demo import awards as award_demo
from emulation import services as emulation_services
from emulation.models import (
    Inspection,
    Movement,
    PactSignature,
    Score,
    ScoreSheetTemplate,
    TemplateCriterion,
)
from plan import services as plan_services
from plan.enums import PartState, RequirementKind
from plan.models import ProgressReport, Requirement, Submission, TaskPart
from units.models import Cluster, Unit

PDF = b"%PDF-1.4\n% kiem thu\n%%EOF\n"


def pdf(name="minh-chung.pdf"):
    return ContentFile(PDF, name=name)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded test files go to a throwaway folder, never the project's media/.
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class UnitObjects:
    """One of each thing a unit owns, for filling object URLs."""

    unit: object
    part: TaskPart
    report: ProgressReport
    requirement: Requirement
    submission: Submission
    dossier: Dossier  # a draft: the unit's officer may still change it
    document: DossierDocument
    council_dossier: Dossier  # before the council: council members may read it
    initiative: Initiative
    cluster: Cluster  # a demo grouping the unit is a member of
    score: Score  # the unit's self-score, with its evidence
    signature: PactSignature  # the unit's signature of its grouping's pact, with the document
    inspection: Inspection  # a visit in the unit's own inspection plan
    led_cluster: Cluster  # a grouping the unit leads
    movement: Movement  # a movement of the year
    export_job: ExportJob  # a finished background export the unit's officer asked for
    notice: Notice  # something the office told the unit


def make_unit_objects(officer, staff, council):
    unit = officer.unit
    part = TaskPart.objects.get(task__plan__year=2013, task__number=3, unit=unit)
    report = plan_services.report_progress(
        part, officer, PartState.IN_PROGRESS, note="Đang làm", evidence=pdf()
    )
    requirement = Requirement.objects.get(plan__year=2013, kind=RequirementKind.UNIT_PLAN)
    submission = plan_services.submit_document(
        requirement, unit, officer, pdf("ke-hoach.pdf"), resend_confirmed=True
    )
    dossier = award_demo.new_dossier(officer, "bang-khen-tinh", name=f"Người đề nghị {unit.code}")
    council_dossier = award_demo.advance(
        award_demo.new_dossier(officer, "bang-khen-tinh", name=f"Người trình {unit.code}"),
        DossierState.BEFORE_COUNCIL,
        officer=officer,
        staff=staff,
        council=council,
    )
    initiative = award_services.register_initiative(
        unit, officer, title=f"Sáng kiến của {unit.code}", authors="Tác giả", year=2013
    )
    cluster, score, signature, inspection = make_emulation_objects(unit, officer, staff)
    led_cluster = Cluster.objects.filter(year=2013, leader=unit).first()
    if led_cluster is None:  # UBND huyện Cao Lộc leads none in the demo: a block of its own
        led_cluster = emulation_services.announce_grouping(
            year=2013, kind=Cluster.Kind.BLOCK, name=f"Khối do {unit.code} dẫn đầu",
            leader=unit, members=[unit], by=staff,
        )  # fmt: skip
    export_job = ExportJob.objects.create(
        requested_by=officer,
        kind="part-list",
        path="/phan-viec/",
        parameters="xuat=xlsx",
        language="vi",
        filename="phan-viec.xlsx",
        status=ExportJobStatus.DONE,
    )
    export_job.file.save("phan-viec.xlsx", ContentFile(b"PK\x03\x04 kiem thu"))
    notice = notify(unit.pk, NoticeKind.REMINDER, f"Đôn đốc {unit.code}", "Nội dung")
    return UnitObjects(
        notice=notice,
        export_job=export_job,
        led_cluster=led_cluster,
        movement=Movement.objects.get(name=f"Phong trào {unit.code}"),
        inspection=inspection,
        cluster=cluster,
        score=score,
        signature=signature,
        initiative=initiative,
        unit=unit,
        part=part,
        report=report,
        requirement=requirement,
        submission=submission,
        dossier=dossier,
        document=dossier.documents.first(),
        council_dossier=council_dossier,
    )


def make_emulation_objects(unit, officer, staff):
    """The unit's grouping with a score sheet, its self-score and pact signature, and one
    row of each other emulation record (for the admin's pages)."""
    cluster = Cluster.objects.get(year=2013, members=unit)
    template, created = ScoreSheetTemplate.objects.get_or_create(name="Mẫu kiểm thử")
    if created:
        TemplateCriterion.objects.create(
            template=template, group="I", position=1, text="Tiêu chí", max_points=10
        )
    sheet = emulation_services.copy_score_sheet(cluster, template, staff)
    score = emulation_services.score_criterion(
        sheet.criteria.first(), unit, officer, points=8, evidence=pdf("minh-chung-diem.pdf")
    )
    signature = emulation_services.sign_pact(
        cluster, unit, officer, signed_on=datetime.date(2013, 3, 5), file=pdf("giao-uoc.pdf")
    )
    emulation_services.register(
        unit, 2013, officer, targets={"collective_title": "tap-the-ldtt", "people_advanced": 5,
                                      "people_base_soldier": 1, "people_province_soldier": 0},
    )  # fmt: skip
    emulation_services.record_exemplar(
        unit, 2013, officer, name="Điển hình", kind="person", field="Giáo dục",
        spread_by="media", spread_on=datetime.date(2013, 5, 1),
    )  # fmt: skip
    own_plan = emulation_services.plan_inspections(2013, officer, title=f"Kiểm tra của {unit.code}")
    under = Unit.objects.create(
        code=f"duoi-{unit.code}", name=f"Đơn vị dưới {unit.code}", parent=unit
    )
    inspection = emulation_services.add_inspection(
        own_plan, under, officer, planned_on=datetime.date(2013, 10, 1)
    )
    Movement.objects.create(
        year=2013, name=f"Phong trào {unit.code}", starts_on=datetime.date(2013, 1, 1),
        ends_on=datetime.date(2013, 12, 31),
    )  # fmt: skip
    return cluster, score, signature, inspection


@pytest.fixture
def unit_a(officer, staff, council):
    return make_unit_objects(officer, staff, council)


@pytest.fixture
def unit_b(officer2, staff, council):
    return make_unit_objects(officer2, staff, council)

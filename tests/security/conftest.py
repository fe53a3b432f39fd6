"""Fixtures of the security tests: one object of every unit-owned kind for unit A (the
officer's, Sở Giáo dục và Đào tạo) and for unit B (officer2's, UBND huyện Cao Lộc), each
made through the services, as a user would."""

from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile

from awards import services as award_services
from awards.enums import DossierState
from awards.models import Dossier, DossierDocument, Initiative
from core.models import ExportJob, ExportJobStatus
from demo import awards as award_demo
from plan import services as plan_services
from plan.enums import PartState, RequirementKind
from plan.models import ProgressReport, Requirement, Submission, TaskPart

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
    export_job: ExportJob  # a finished background export the unit's officer asked for


def make_unit_objects(officer, staff, council):
    unit = officer.unit
    part = TaskPart.objects.get(task__plan__year=2013, task__number=3, unit=unit)
    report = plan_services.report_progress(
        part, officer, PartState.IN_PROGRESS, note="Đang làm", evidence=pdf()
    )
    requirement = Requirement.objects.get(plan__year=2013, kind=RequirementKind.UNIT_PLAN)
    submission = plan_services.submit_document(requirement, unit, officer, pdf("ke-hoach.pdf"))
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
    return UnitObjects(
        export_job=export_job,
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


@pytest.fixture
def unit_a(officer, staff, council):
    return make_unit_objects(officer, staff, council)


@pytest.fixture
def unit_b(officer2, staff, council):
    return make_unit_objects(officer2, staff, council)

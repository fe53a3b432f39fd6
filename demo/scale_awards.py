"""Generated award dossiers for `manage.py seed_scale`: every state, with the history the
moves would have written (demo.awards.ROUTES), the award records of granted ones, written
with bulk_create. See demo/scale_plan.py for the rest of the generated data.
"""

import datetime
import itertools
import random
from collections import defaultdict

from django.db import transaction

from awards.enums import (
    GRANTED_STATES,
    OPEN_STATES,
    CouncilRecommendation,
    DocumentKind,
    DossierState,
    NomineeKind,
    Sex,
)
from awards.models import (
    AwardRecord,
    AwardType,
    Batch,
    Category,
    Dossier,
    DossierCounter,
    DossierDocument,
    DossierTransition,
)
from awards.services import build_award_record
from core.names import normalise_text, search_key
from demo.awards import RESUBMITTED, ROUTES
from demo.scale_base import BATCH, at, bulk, dates_as_given, scale_units, shared_pdf
from units.enums import Role
from units.models import User

S = DossierState

# How often each end state occurs (weights): most dossiers are decided, a few still open.
STATE_WEIGHTS = {
    S.DRAFT: 4,
    S.SUBMITTED: 5,
    S.IN_APPRAISAL: 4,
    S.RETURNED: 3,
    RESUBMITTED: 2,
    S.BEFORE_COUNCIL: 3,
    S.APPROVED: 45,
    S.REFUSED: 8,
    S.FORWARDED: 4,
    S.CENTRAL_APPROVED: 12,
    S.CENTRAL_REFUSED: 3,
    S.WITHDRAWN: 3,
}
HELD_STATES = OPEN_STATES | GRANTED_STATES
STATE_LEVEL_ENDS = {S.FORWARDED, S.CENTRAL_APPROVED, S.CENTRAL_REFUSED}
COMMENTS = {
    S.RETURNED: "Đề nghị bổ sung biên bản họp Hội đồng TĐKT cơ sở có đủ chữ ký.",
    S.REFUSED: "Thành tích chưa tiêu biểu so với tiêu chuẩn của hình thức đề nghị.",
    S.CENTRAL_REFUSED: "Hội đồng TĐKT Trung ương không thống nhất đề nghị.",
    S.WITHDRAWN: "Đơn vị rút hồ sơ để hoàn thiện, đề nghị lại vào năm sau.",
}
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vi", "Lương", "Nông", "Hà", "Lý", "Đặng"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Hồng", "Quốc", "Ngọc"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hoa", "Hùng", "Lan", "Mai", "Nam", "Phương", "Quang",
         "Sơn", "Thảo", "Tuấn", "Vân", "Yến", "Đức", "Hạnh", "Long", "Trang"]  # fmt: skip


def _batches(years):
    """Two state-level batches a year, as 2013 has."""
    existing = set(Batch.objects.filter(year__in=years).values_list("year", "number"))
    bulk(
        Batch,
        (
            Batch(year=y, number=n, name=f"Đợt {n} năm {y}", is_open=False)
            for y in years
            for n in (1, 2)
            if (y, n) not in existing
        ),
    )
    return {(b.year, b.number): b.pk for b in Batch.objects.filter(year__in=years).order_by("pk")}


def _dossiers(count, years, units, officers, staff_id, rng, start):
    """(Dossier, [DossierTransition]) pairs, spread evenly over the years."""
    held = defaultdict(set)  # (name, kind, award, year) -> dates of birth already held
    for dossier in Dossier.objects.filter(year__in=years, state__in=HELD_STATES).only(
        "nominee_key", "nominee_kind", "award_type_id", "year", "date_of_birth"
    ):
        held[_nominee_of(dossier)].add(dossier.date_of_birth)
    award_types = list(AwardType.objects.order_by("position", "pk"))
    state_level = [a for a in award_types if a.is_state_level]
    categories = list(Category.objects.order_by("pk").values_list("pk", flat=True))
    batches = _batches(years)
    ends, weights = zip(*STATE_WEIGHTS.items(), strict=True)
    for i in range(count):
        year = years[i % len(years)]
        number = start[year] + i // len(years) + 1
        end = rng.choices(ends, weights)[0]
        award = rng.choice(state_level if end in STATE_LEVEL_ENDS else award_types)
        kind = NomineeKind.INDIVIDUAL if award.accepts(NomineeKind.INDIVIDUAL) else None
        if award.accepts(NomineeKind.COLLECTIVE) and (kind is None or rng.random() < 0.3):
            kind = NomineeKind.COLLECTIVE
        unit_id, unit_name = rng.choice(units)
        officer_id = officers.get(unit_id, staff_id)
        created = datetime.date(year, 1, 15) + datetime.timedelta(days=rng.randint(0, 240))
        dossier = Dossier(
            reference=f"HS-{year}-{number:04d}",
            unit_id=unit_id,
            year=year,
            award_type=award,
            category_id=rng.choice(categories),
            batch_id=batches[(year, rng.choice((1, 2)))] if award.is_state_level else None,
            nominee_kind=kind,
            achievements=f"Hoàn thành xuất sắc nhiệm vụ năm {year}.",
            state=S.SUBMITTED if end == RESUBMITTED else end,
            created_by_id=officer_id,
            created_at=at(created, rng),
        )
        for attempt in itertools.count():
            _name_nominee(dossier, unit_name, rng, attempt)
            # A nominee holds one dossier per award and year while it is open or granted
            # (the duplicate rule, which the database enforces): draw another name if taken.
            if dossier.state not in HELD_STATES:
                break
            dates = held[_nominee_of(dossier)]
            born = dossier.date_of_birth
            if not (born in dates or None in dates or (born is None and dates)):
                dates.add(born)
                break
        moment = dossier.created_at
        history = [
            DossierTransition(
                from_state="", to_state=S.DRAFT, by_id=officer_id, at=moment, comment="Lập hồ sơ"
            )
        ]
        state = S.DRAFT
        for to_state in ROUTES[end]:
            moment += datetime.timedelta(days=rng.randint(1, 12), minutes=rng.randint(0, 600))
            by = officer_id if to_state in (S.SUBMITTED, S.WITHDRAWN) else staff_id
            if to_state == S.APPROVED:
                dossier.council_recommendation = CouncilRecommendation.APPROVE
                dossier.council_opinion = "Thống nhất đề nghị khen thưởng."
                dossier.decision_number = f"{100 + number}/QĐ-UBND"
                dossier.decision_date = moment.date()
            elif to_state == S.REFUSED:
                dossier.council_recommendation = CouncilRecommendation.REFUSE
                dossier.council_opinion = "Chưa đủ tiêu chuẩn, không đề nghị."
            elif to_state == S.CENTRAL_APPROVED:
                dossier.central_decision_number = f"{1200 + number}/QĐ-TTg"
                dossier.central_decision_date = moment.date()
            if to_state in (S.REFUSED, S.CENTRAL_REFUSED):
                dossier.refusal_reason = COMMENTS[to_state]
            history.append(
                DossierTransition(
                    from_state=state,
                    to_state=to_state,
                    by_id=by,
                    at=moment,
                    comment=COMMENTS.get(to_state, ""),
                )
            )
            state = to_state
        dossier.state_changed_at = moment
        yield dossier, history


def _name_nominee(dossier, unit_name, rng, attempt):
    """A generated nominee: a person with a date of birth, or a room of the unit (more rooms
    on each retry, so a unit whose rooms are all taken still gets a free name)."""
    if dossier.nominee_kind == NomineeKind.COLLECTIVE:
        room = rng.randint(1, 9 * (1 + attempt // 3))
        dossier.collective_name = normalise_text(f"Phòng {room}, {unit_name}")
    else:
        dossier.full_name = normalise_text(
            f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        )
        dossier.sex = rng.choice((Sex.MALE, Sex.FEMALE))
        dossier.date_of_birth = datetime.date(rng.randint(1960, 1995), rng.randint(1, 12), 1)
        dossier.position = "Chuyên viên"
        dossier.workplace = unit_name
    dossier.nominee_key = search_key(dossier.nominee_name)


def _nominee_of(dossier):
    """What the duplicate rule compares besides the date of birth."""
    return (dossier.nominee_key, dossier.nominee_kind, dossier.award_type_id, dossier.year)


@transaction.atomic
def seed_dossiers(count, years, seed, stats):
    # Long on purpose: the generator's steps run in the order the data depends on them.
    """`count` dossiers over `years` from the generated units, with history, documents and
    award records; the year's reference counters continue after them."""
    if not count or not years:
        return
    rng = random.Random(f"{seed}-dossiers")
    units = list(scale_units().order_by("code").values_list("pk", "name"))
    officers = dict(
        User.objects.filter(groups__name=Role.UNIT_OFFICER, unit__isnull=False)
        .order_by("pk")
        .values_list("unit_id", "pk")
    )
    staff_id = User.objects.filter(groups__name=Role.OFFICE_STAFF).order_by("pk").first().pk
    start = {y: 0 for y in years}
    start.update(DossierCounter.objects.filter(year__in=years).values_list("year", "last"))
    pdf = shared_pdf()
    chunk = []

    def flush():
        Dossier.objects.bulk_create([d for d, _ in chunk])
        transitions, documents, records = [], [], []
        for dossier, history in chunk:
            for row in history:
                row.dossier_id = dossier.pk
                transitions.append(row)
            if dossier.state != S.DRAFT:
                documents.append(
                    DossierDocument(
                        dossier_id=dossier.pk,
                        kind=DocumentKind.ACHIEVEMENT_REPORT,
                        file=pdf,
                        original_name="Báo cáo thành tích.pdf",
                        uploaded_by_id=dossier.created_by_id,
                        uploaded_at=dossier.created_at,
                    )
                )
            record = build_award_record(dossier)
            if record:
                records.append(record)
        stats["dossier transitions"] += bulk(DossierTransition, transitions)
        stats["dossier documents"] += bulk(DossierDocument, documents)
        stats["award records"] += bulk(AwardRecord, records)
        stats["dossiers"] += len(chunk)

    fields = [
        Dossier._meta.get_field("created_at"),
        Dossier._meta.get_field("state_changed_at"),
        DossierTransition._meta.get_field("at"),
        DossierDocument._meta.get_field("uploaded_at"),
    ]
    with dates_as_given(*fields):
        for pair in _dossiers(count, years, units, officers, staff_id, rng, start):
            chunk.append(pair)
            if len(chunk) >= BATCH // 2:
                flush()
                chunk = []
        if chunk:
            flush()
    for index, year in enumerate(years):
        made = count // len(years) + (1 if index < count % len(years) else 0)
        DossierCounter.objects.update_or_create(year=year, defaults={"last": start[year] + made})

"""Eligibility by the law in force: which rule set judges a dossier, and what it finds wrong.

Every check reads its requirement (awards.models.Requirement) from the rule set in force on
the dossier's judging date, so a change of law is a new rule set in admin, not a code change.
Each problem carries the article and the rule set it comes from: "Điều 23, Luật Thi đua,
Khen thưởng 2003 (sửa đổi 2005): ...". The submit rules of awards.services call
`dossier_problems`; the dossier page shows `dossier_warnings` (caps, unchecked conditions);
`manage.py eligibility` judges a person with no dossier through `person_problems`.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from core.names import search_key
from people.enums import Rating, rating_at_least
from people.services import find_person

from . import required_documents
from .enums import (
    GRANTED_STATES,
    OPEN_STATES,
    SCOPE_ORDER,
    DocumentKind,
    NomineeKind,
    RequirementKind,
    Scope,
)
from .households import household_refusals
from .models import AwardRecord, AwardType, Dossier, Initiative, RuleSet

K = RequirementKind


def judging_date(year):
    """The date a dossier of `year` is judged on: the end of the year its achievements belong
    to. The law that governs a year's titles is the law in force while they were earned; a
    dossier received in January for the year before is still judged by that year's law."""
    return datetime.date(year, 12, 31)


def ruleset_on(day):
    """The rule set in force on `day`, or None if no rule set covers it."""
    for ruleset in RuleSet.objects.filter(effective_from__lte=day).order_by("-effective_from"):
        if ruleset.in_force_on(day):
            return ruleset
    return None


def ruleset_for(dossier):
    """The rule set a dossier is (or was, once submitted) judged by."""
    if dossier.ruleset_id:
        return dossier.ruleset
    return ruleset_on(judging_date(dossier.year))


def requirements(ruleset, award_type):
    if ruleset is None:
        return []
    return list(ruleset.requirements.filter(award_type=award_type).order_by("position", "pk"))


@dataclass(frozen=True)
class Problem:
    article: str
    message: str
    ruleset: str = ""

    def __str__(self):
        where = ", ".join(part for part in (self.article, self.ruleset) if part)
        return f"{where}: {self.message}" if where else self.message

    def as_dict(self):
        return {"article": f"{self.article}, {self.ruleset}".strip(", "), "message": self.message}


@dataclass
class Nominee:
    """Who is judged, for what: from a dossier, or from a name and birth date (the command)."""

    name: str
    date_of_birth: datetime.date | None
    kind: str
    award_type: AwardType
    year: int
    unit_id: int | None = None
    person: object = None  # people.Person when the register knows the nominee
    dossier: Dossier | None = None
    initiatives: list = field(default_factory=list)

    @property
    def name_key(self):
        return search_key(self.name)

    @classmethod
    def of_dossier(cls, dossier):
        return cls(
            name=dossier.nominee_name,
            date_of_birth=dossier.date_of_birth,
            kind=dossier.nominee_kind,
            award_type=dossier.award_type,
            year=dossier.year,
            unit_id=dossier.unit_id,
            # A draft's nominee joins the register on submission: until then, look them up.
            person=dossier.person
            if dossier.person_id or dossier.nominee_kind != NomineeKind.INDIVIDUAL
            else find_person(dossier.full_name, dossier.date_of_birth),
            dossier=dossier,
            initiatives=list(dossier.initiatives.all()) if dossier.pk else [],
        )

    @classmethod
    def of_person(cls, name, date_of_birth, award_type, year):
        """A person with no dossier: every initiative they are an author of counts."""
        nominee = cls(name, date_of_birth, NomineeKind.INDIVIDUAL, award_type, year)
        nominee.person = find_person(name, date_of_birth)
        candidates = Initiative.objects.filter(year__lte=year).prefetch_related("author_people")
        nominee.initiatives = [i for i in candidates if nominee.is_author_of(i)]
        return nominee

    def is_author_of(self, initiative):
        """Authors recorded as people decide; an initiative with only typed authors is
        matched by name."""
        people = list(initiative.author_people.all())
        if people:
            if self.person is not None:
                return any(p.pk == self.person.pk for p in people)
            return any(
                p.name_key == self.name_key and p.date_of_birth in (None, self.date_of_birth)
                for p in people
            )
        authors = re.split(r"[,;\n]+", initiative.authors or "")
        return self.name_key in {search_key(author) for author in authors}


def earlier_title_years(nominee, award_type):
    """The years the nominee holds `award_type` on record (award history)."""
    same_name = Q(name_key=nominee.name_key, person__isnull=True)
    if nominee.person is not None:
        same_name |= Q(person=nominee.person)
    records = AwardRecord.objects.filter(
        same_name, nominee_kind=nominee.kind, award_type=award_type
    ).values_list("year", "date_of_birth", "person_id")
    return {
        year
        for year, born, person_id in records
        if person_id is not None
        # Two people of the same name are told apart by the date of birth when both are known.
        or born is None
        or nominee.date_of_birth is None
        or born == nominee.date_of_birth
    }


def _years(years):
    return ", ".join(str(y) for y in sorted(years)) or _("chưa có năm nào")


def _prerequisite(nominee, requirement):
    params = requirement.params
    earlier = AwardType.objects.get(code=params["award"])
    times = int(params.get("times", 1))
    held = earlier_title_years(nominee, earlier)
    year = nominee.year
    # "year": the earlier title of this very year (Lao động tiên tiến for Chiến sĩ thi đua cơ
    # sở); "year_or_previous": a run ending this year or the year before, since the higher
    # title is proposed the year the run completes or the year after.
    lasts = (year,) if params.get("ends") == "year" else (year, year - 1)
    for last in lasts:
        if all(y in held for y in range(last - times + 1, last + 1)):
            return []
    names = {"award": nominee.award_type.name, "earlier": earlier.name, "times": times}
    names.update(year=year, previous=year - 1, held=_years(held))
    if times == 1 and lasts == (year,):
        message = _(
            "Chưa đủ điều kiện “%(award)s”: phải đạt “%(earlier)s” năm %(year)s; "
            "lịch sử khen thưởng có: %(held)s."
        )
    else:
        message = _(
            "Chưa đủ điều kiện “%(award)s”: cần %(times)s năm liên tục đạt “%(earlier)s” "
            "(đến năm %(year)s hoặc %(previous)s); lịch sử khen thưởng có: %(held)s."
        )
    return [message % names]


def _initiative(nominee, requirement):
    params = requirement.params
    award = nominee.award_type.name
    scope = Scope(params.get("scope", Scope.UNIT))
    first = nominee.year - int(params.get("years", 1)) + 1
    recognised = [i for i in nominee.initiatives if i.recognised_on is not None]
    if not recognised:
        return [
            _(
                "“%(award)s” phải có sáng kiến (hoặc đề tài nghiên cứu được áp dụng) đã được "
                "công nhận; chưa có sáng kiến nào đã được công nhận."
            )
            % {"award": award}
        ]
    own = [i for i in recognised if nominee.is_author_of(i)]
    if not own:
        return [
            _("Sáng kiến “%(title)s” không phải của “%(name)s” (tác giả: %(authors)s).")
            % {"title": i.title, "name": nominee.name, "authors": i.authors}
            for i in recognised
        ]
    in_period = [i for i in own if first <= i.year <= nominee.year]
    if not in_period:
        return [
            _(
                "Sáng kiến “%(title)s” năm %(year)s nằm ngoài thời gian xét "
                "“%(award)s” (%(first)s-%(last)s)."
            )
            % (
                {"title": i.title, "year": i.year, "award": award}
                | {"first": first, "last": nominee.year}
            )
            for i in own
        ]
    wide = [i for i in in_period if SCOPE_ORDER.index(i.scope) >= SCOPE_ORDER.index(scope)]
    if not wide:
        return [
            _(
                "Sáng kiến “%(title)s” được công nhận phạm vi “%(has)s”; “%(award)s” cần phạm "
                "vi “%(needs)s” trở lên%(by)s."
            )
            % {
                "title": i.title,
                "has": Scope(i.scope).label,
                "award": award,
                "needs": scope.label,
                "by": _(", do %s công nhận") % params["recognised_by"]
                if params.get("recognised_by")
                else "",
            }
            for i in in_period
        ]
    return []


def _documents(nominee, requirement):
    if nominee.dossier is None or nominee.dossier.pk is None:
        return []
    attached = required_documents.attached_kinds(nominee.dossier)
    missing = [kind for kind in requirement.params.get("documents", []) if kind not in attached]
    if missing:
        labels = ", ".join(str(DocumentKind(kind).label) for kind in missing)
        return [_("Thiếu tài liệu bắt buộc: %(documents)s.") % {"documents": labels}]
    return []


def _rating(nominee, requirement):
    needed = Rating(requirement.params.get("rating", Rating.GOOD))
    years = range(nominee.year - int(requirement.params.get("years", 1)) + 1, nominee.year + 1)
    rated = {}
    if nominee.person is not None:
        rated = dict(nominee.person.ratings.filter(year__in=years).values_list("year", "rating"))
    short = [y for y in years if y not in rated or not rating_at_least(rated[y], needed)]
    if not short:
        return []
    found = ", ".join(f"{y}: {Rating(rated[y]).label}" for y in sorted(rated)) or _(
        "chưa có xếp loại"
    )
    return [
        _(
            "“%(award)s” cần xếp loại “%(needed)s” trở lên các năm %(years)s; "
            "sổ xếp loại có: %(found)s."
        )
        % {
            "award": nominee.award_type.name,
            "needed": needed.label,
            "years": ", ".join(str(y) for y in years),
            "found": found,
        }
    ]


CHECKS = {
    K.PREREQUISITE: _prerequisite,
    K.INITIATIVE: _initiative,
    K.DOCUMENTS: _documents,
    K.RATING: _rating,
}


def problems(nominee, ruleset):
    """What keeps the nominee from the award under `ruleset`, one Problem each ([] if none)."""
    found = []
    title = ruleset.title if ruleset else ""
    if nominee.kind == NomineeKind.HOUSEHOLD:
        found += [Problem(a, m, title) for a, m in household_refusals(nominee.award_type, ruleset)]
    for requirement in required_documents.with_documents(
        requirements(ruleset, nominee.award_type), nominee.award_type
    ):
        check = CHECKS.get(requirement.kind)
        if check:
            found += [Problem(requirement.article, m, title) for m in check(nominee, requirement)]
    return found


def dossier_problems(dossier):
    """The law's refusals for a dossier, as messages naming article and rule set."""
    return [str(p) for p in problems(Nominee.of_dossier(dossier), ruleset_for(dossier))]


def document_checklist(dossier, reqs=None):
    """[RequiredDocument] for the dossier page: each kind of document the dossier's rule set
    asks for (the list the submit rule checks), ticked once a file of that kind is in it.
    `reqs`: the rule set's requirements for the dossier, when the page has read them."""
    award_type = dossier.award_type
    if reqs is None:
        reqs = requirements(ruleset_for(dossier), award_type)
    return required_documents.checklist(reqs, award_type, dossier)


def person_problems(name, date_of_birth, award_type, year, on_date=None):
    """(rule set, problems) for a person with no dossier, judged on `on_date` (the year's end
    by default)."""
    ruleset = ruleset_on(on_date or judging_date(year))
    nominee = Nominee.of_person(name, date_of_birth, award_type, year)
    return ruleset, problems(nominee, ruleset)


# Warnings: what the office weighs but the law does not let the product refuse on its own --


def _cap_count(unit_id, year, award_type):
    """A unit's people holding (or proposed for) `award_type` in `year`."""
    records = AwardRecord.objects.filter(unit_id=unit_id, year=year, award_type=award_type)
    dossiers = Dossier.objects.filter(
        unit_id=unit_id,
        year=year,
        award_type=award_type,
        state__in=OPEN_STATES | GRANTED_STATES,
        award_record__isnull=True,
    )
    return records.count() + dossiers.count()


def cap_warnings(unit_id, award_type, year, ruleset, reqs=None):
    """The unit's list passes a cap of the rule set (e.g. Chiến sĩ thi đua cơ sở at most 15 %
    of its Lao động tiên tiến): one Problem per cap passed."""
    found = []
    for requirement in requirements(ruleset, award_type) if reqs is None else reqs:
        if requirement.kind != K.CAP:
            continue
        base = AwardType.objects.get(code=requirement.params["of"])
        percent = requirement.params["percent"]
        has, of = _cap_count(unit_id, year, award_type), _cap_count(unit_id, year, base)
        if has * 100 > of * percent:
            message = _(
                "Đơn vị có %(has)s “%(award)s” năm %(year)s, quá %(percent)s%% của %(of)s "
                "“%(base)s” (tối đa %(limit)s)."
            ) % {
                "has": has,
                "award": award_type.name,
                "year": year,
                "percent": percent,
                "of": of,
                "base": base.name,
                "limit": of * percent // 100,
            }
            found.append(Problem(requirement.article, message, ruleset.title))
    return found


def dossier_warnings(dossier, reqs=None):
    """What the dossier page tells the office beside the refusals: caps passed, and the rule
    set's conditions the product does not check (to weigh by hand). `reqs` as for
    document_checklist."""
    ruleset = ruleset_for(dossier)
    if reqs is None:
        reqs = requirements(ruleset, dossier.award_type)
    found = cap_warnings(dossier.unit_id, dossier.award_type, dossier.year, ruleset, reqs)
    for requirement in reqs:
        if requirement.kind == K.NOTE:
            found.append(Problem(requirement.article, requirement.text, ruleset.title))
    return found


@dataclass(frozen=True)
class Votes:
    percent: int
    article: str
    ruleset: str
    verified: bool


def votes_needed(award_type, on_date):
    """The share of the council's members who must vote for `award_type` under the rule set in
    force on `on_date`, or None when that rule set names none."""
    ruleset = ruleset_on(on_date)
    for requirement in requirements(ruleset, award_type):
        if requirement.kind == K.VOTES:
            return Votes(
                int(requirement.params["percent"]),
                requirement.article,
                ruleset.title,
                requirement.verified,
            )
    return None

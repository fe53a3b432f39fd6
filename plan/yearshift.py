"""Moving a plan's text on to another year: the pure part of the roll-over (plan.rollover).

Only years that refer to the plan's working year move: the year itself, the year before
(last year's results are reviewed this year: "tổng kết năm 2012" in the 2013 plan) and the
year after (next year's work is prepared at year end), and the school years that run across
them ("năm học 2012-2013"). Everything that cites a past act stays as written: document
numbers ("86/2012/NQ-HĐND"), the date after a document's number ("số 08/CT-UBND ngày
09/9/2011"), laws ("Luật ... năm 2013"), periods ("giai đoạn 2011 - 2015") and
anniversaries ("11/6/1948-11/6/2013"). Where such a kept fragment names the working year,
it is listed too, so the office looks at it before publishing.
"""

import datetime
import re
from dataclasses import asdict, dataclass

from django.utils.translation import gettext_lazy as _

_DASH = r"\s*[-–—]\s*"
_DATE = r"\d{1,2}/\d{1,2}/\d{4}"
_DATE_IN_WORDS = r"\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
_PATTERNS = [
    # A document's number with its year, and the date that may follow it: a citation.
    (
        "document",
        r"(?:\d+/\d{4}/|\d+/)[A-ZĐ][\wĐđ&-]*"
        rf"(?:\s+ngày\s+(?:{_DATE}|{_DATE_IN_WORDS}))?",
    ),
    # A law and its year or date, within the same clause.
    ("law", r"\bLuật\b[^;.\n]{0,60}?(?:ngày\s+" + _DATE + r"|\d{4})"),
    # A period by name ("giai đoạn 2011 - 2015"), even of two consecutive years.
    ("period", rf"[Gg]iai đoạn\s+(?:{_DATE}|\d{{4}}){_DASH}(?:{_DATE}|\d{{4}})"),
    # Two dates joined by a dash: an anniversary or a period.
    ("date_range", _DATE + _DASH + _DATE),
    ("date", _DATE),
    # Two years joined by a dash: a school year when consecutive, else a period.
    ("year_range", r"\d{4}" + _DASH + r"\d{4}"),
    # A month or a quarter of a year: "tháng 6/2013", "quý I/2013".
    ("month_year", r"(?:\d{1,2}|I{1,3}|IV)/\d{4}"),
    ("year", r"\d{4}"),
]
_TOKEN = re.compile(
    r"(?<![\w/])(?:" + "|".join(f"(?P<{name}>{rx})" for name, rx in _PATTERNS) + r")(?![\w/])"
)
_YEAR = re.compile(r"\d{4}")
CONTEXT = 40

# Why a fragment naming the working year was kept: the code is stored with the change, the
# words are shown in the reader's language.
KEPT_CITATION, KEPT_LAW, KEPT_RANGE, KEPT_LEGAL_BASIS = "citation", "law", "range", "legal_basis"
NOTES = {
    KEPT_CITATION: _("Dẫn chiếu văn bản đã ban hành: giữ nguyên, hãy kiểm tra lại."),
    KEPT_LAW: _("Năm của luật: giữ nguyên, hãy kiểm tra lại."),
    KEPT_RANGE: _("Kỷ niệm hoặc giai đoạn: giữ nguyên, hãy kiểm tra lại."),
    KEPT_LEGAL_BASIS: _("Căn cứ dẫn văn bản đã ban hành: thay bằng văn bản cho năm mới nếu có."),
}


@dataclass(frozen=True)
class YearChange:
    """One fragment of text the roll-over looked at: moved (`replaced` differs from
    `found`), or kept as written with a `note` saying why the office should look at it."""

    found: str
    replaced: str
    context: str
    note: str = ""

    @property
    def moved(self):
        return self.found != self.replaced

    def as_dict(self, where):
        """The change as stored on the draft; `where` says where in the plan it is
        ({"field": "title"}, {"task": 25}...)."""
        return {"where": where, **asdict(self)}


def shift_date(date, years):
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return date.replace(year=date.year + years)
    except ValueError:
        return date.replace(year=date.year + years, day=28)


class _Mover:
    def __init__(self, from_year, to_year):
        self.shift = to_year - from_year
        # The working year, the one before and the one after: what the plan's text means by
        # "this year", "last year's results" and "next year's work".
        self.window = {from_year - 1, from_year, from_year + 1}

    def year(self, text):
        value = int(text)
        return str(value + self.shift) if value in self.window else text

    def names_window(self, text):
        return any(int(y) in self.window for y in _YEAR.findall(text))

    def date(self, text):
        day, month, year = text.split("/")
        if int(year) not in self.window:
            return text
        try:
            moved = shift_date(datetime.date(int(year), int(month), int(day)), self.shift)
        except ValueError:
            return text  # not a real date: leave it for the office
        width = len(day)
        return f"{moved.day:0{width}d}/{month}/{moved.year}"

    def token(self, kind, text):
        """(replacement, note) for one token of the text."""
        if kind == "document":
            return text, KEPT_CITATION if self.names_window(text) else ""
        if kind == "law":
            return text, KEPT_LAW if self.names_window(text) else ""
        if kind == "period":
            return text, KEPT_RANGE if self.names_window(text) else ""
        if kind == "date":
            return self.date(text), ""
        if kind in ("month_year", "year"):
            head, _sep, year = text.rpartition("/")
            return (f"{head}/" if head else "") + self.year(year), ""
        return self.range(kind, text)

    def range(self, kind, text):
        """Two dates or years joined by a dash move together or not at all: both ends in
        the working years (a school year, a season, a period inside the year) move; an
        anniversary or a longer period is kept."""
        years = [int(y) for y in re.findall(r"\d{4}(?!\d)", text)]
        first, last = years[0], years[-1]
        inside = first in self.window and last in self.window
        if kind == "year_range" and inside and last == first + 1:
            return _YEAR.sub(lambda m: self.year(m.group()), text), ""
        if kind == "date_range" and inside:
            return re.sub(_DATE, lambda m: self.date(m.group()), text), ""
        return text, KEPT_RANGE if self.names_window(text) else ""


def _context(text, start, end):
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    prefix = "…" if start > CONTEXT else ""
    suffix = "…" if end + CONTEXT < len(text) else ""
    return f"{prefix}{before}[{text[start:end]}]{after}{suffix}".replace("\n", " ")


def move_years(text, from_year, to_year):
    """The text with its years moved on from `from_year` to `to_year`, and every change.

    Returns (new_text, [YearChange, ...]) in the order of the text; a kept fragment that
    names the working year is listed with its note, the others not at all.
    """
    mover = _Mover(from_year, to_year)
    changes = []

    def replace(match):
        kind = match.lastgroup
        found = match.group()
        replaced, note = mover.token(kind, found)
        if replaced != found or note:
            changes.append(
                YearChange(found, replaced, _context(text, match.start(), match.end()), note)
            )
        return replaced

    return _TOKEN.sub(replace, text), changes


def review_legal_bases(lines, from_year, to_year):
    """The legal bases are kept word for word (each cites an act that exists); the ones that
    name the working year or the year before are listed for the office to replace."""
    mover = _Mover(from_year, to_year)
    return [
        YearChange(line, line, "", KEPT_LEGAL_BASIS) for line in lines if mover.names_window(line)
    ]

"""The access matrix: every URL of the project, for every role, with the answer each must get.

The URLs come from the URL configuration (tests/urls.py), so a new URL without a row in
MATRIX fails the test until someone writes down who may open it.

Columns (ROLES): a visitor who is not signed in, the officer of the unit that owns the object
("own"), the officer of another unit ("other"), office staff, a council member, a leader, the
admin. Object URLs are filled with an object of unit A (Sở Giáo dục và Đào tạo, `officer`)
and then with one of unit B (UBND huyện Cao Lộc, `officer2`), so each officer is once "own"
and once "other". URLs that belong to no unit are asked once; "own" is then `officer` and
"other" `officer2`, and both must get the same answer.

Cells: "200", "403", "404", "405", "302" (a redirect that is not a login page: a page done, or
a refused move sent back to the dossier with a message) and "login" (302 to a login page).

Methods. Every URL is asked with GET. Views that also take POST (forms, moves) are asked with
an empty POST as well (`post=`): that is where "leaders read but never write" is proven. Views
that take only POST (require_POST) answer GET with 405 before any check, for everyone signed
in, which proves nothing about access; their row gives the GET 405 and the real answer to POST.
Each POST runs in a savepoint rolled back afterwards, so cells do not depend on each other.
"""

import datetime
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from awards.enums import DossierState
from awards.models import (
    AwardRecord,
    AwardType,
    Dossier,
    DossierDocument,
    DossierTransition,
    Initiative,
)
from council import services as council_services
from council.models import CouncilMember
from council.proposals import create_proposal
from council.unit_decisions import parse_lines, record_unit_decision
from demo import awards as award_demo
from people.models import AnnualRating, Person
from plan.models import ProgressReport, Reminder, Submission, SubmissionReview, Task, TaskPart
from plan.rollover import roll_over_plan
from tests.urls import fill_route, project_routes, route_arguments
from units.models import UnitChange

pytestmark = pytest.mark.django_db

ROLES = ("anon", "own", "other", "staff", "council", "leader", "admin")


def cells(default, *, anon="login", officers=None, **given):
    """A full row of answers: `default` for every signed-in role unless given; `officers`
    sets "own" and "other" together."""
    unknown = set(given) - set(ROLES)
    assert not unknown, unknown
    row = {role: default for role in ROLES}
    row["anon"] = anon
    if officers is not None:
        row["own"] = row["other"] = officers
    row.update(given)
    return row


def only(*roles, ok="200", no="403"):
    """`ok` for the roles named ("officers" names both), `no` for every other signed-in role."""
    names = {r for role in roles for r in (("own", "other") if role == "officers" else (role,))}
    return cells(no, **{role: ok for role in names})


@dataclass
class Row:
    get: dict
    post: dict | None = None
    # Which dossier of the unit fills the URL: the draft, or the one before the council.
    dossier: str = "dossier"
    note: str = ""


EVERYONE = Row(cells("200"))
PUBLIC = Row(cells("200", anon="200"))
POST_ONLY = cells("405")  # the GET answer of a require_POST view (anonymous: login first)

# Unit-owned objects: how to fill the URL from a unit's objects (see conftest.UnitObjects).
OBJECT_URLS = {
    "part-detail": lambda o, d: {"pk": o.part.pk},
    "part-cancel": lambda o, d: {"pk": o.part.pk},
    "evidence-file": lambda o, d: {"pk": o.report.pk},
    "report-confirm": lambda o, d: {"pk": o.report.pk},
    "unit-detail": lambda o, d: {"code": o.unit.code},
    "unit-changes": lambda o, d: {"code": o.unit.code},
    "unit-participation": lambda o, d: {"code": o.unit.code},
    "unit-year-comparison": lambda o, d: {"code": o.unit.code},
    "submission-create": lambda o, d: {"pk": o.requirement.pk, "code": o.unit.code},
    "submission-file": lambda o, d: {"pk": o.submission.pk},
    "submission-review": lambda o, d: {"pk": o.submission.pk},
    "awards:dossier": lambda o, d: {"pk": d.pk},
    "awards:edit": lambda o, d: {"pk": d.pk},
    "awards:upload": lambda o, d: {"pk": d.pk},
    "awards:document": lambda o, d: {"pk": d.pk, "document_id": d.documents.first().pk},
    "awards:document-remove": lambda o, d: {"pk": d.pk, "document_id": d.documents.first().pk},
    "awards:move": lambda o, d: {"pk": d.pk, "to_state": "withdrawn"},
    "awards:initiative-recognise": lambda o, d: {"pk": o.initiative.pk},
    "awards:initiative-edit": lambda o, d: {"pk": o.initiative.pk},
    "emulation:grouping": lambda o, d: {"pk": o.cluster.pk},
    "emulation:sign-pact": lambda o, d: {"pk": o.cluster.pk},
    "emulation:score-sheet": lambda o, d: {"pk": o.cluster.pk},
    "awards:propose": lambda o, d: {"pk": o.led_cluster.pk},
    "emulation:inspection-add": lambda o, d: {"pk": o.inspection.plan_id},
    "emulation:inspection-record": lambda o, d: {"pk": o.inspection.pk},
    "emulation:scores": lambda o, d: {"pk": o.cluster.pk, "code": o.unit.code},
    "emulation:score-evidence": lambda o, d: {"pk": o.score.pk},
    "emulation:pact-file": lambda o, d: {"pk": o.signature.pk},
    "export-job": lambda o, d: {"pk": o.export_job.pk},
    "notice": lambda o, d: {"pk": o.notice.pk},
    "export-job-status": lambda o, d: {"pk": o.export_job.pk},
    "export-job-file": lambda o, d: {"pk": o.export_job.pk},
    # The unit's proposal (tờ trình), from the `unit_proposals` fixture.
    "council:proposal": lambda o, d: {"pk": o.proposal.pk},
    "council:proposal-send": lambda o, d: {"pk": o.proposal.pk},
    "council:proposal-docx": lambda o, d: {"pk": o.proposal.pk},
    "council:proposal-print": lambda o, d: {"pk": o.proposal.pk},
    "council:unit-decision": lambda o, d: {"pk": o.unit_decision.pk},
}

# URLs of objects that belong to no unit, filled with real rows: on PostgreSQL a reloaded
# demo does not start its ids at 1.
PLAIN_OBJECT_URLS = {
    "task-set-due-date": lambda o: {"pk": o.part.task_id},
    "task-name-units": lambda o: {"pk": o.part.task_id},
    "requirement-detail": lambda o: {"pk": o.requirement.pk},
    "awards:movement": lambda o: {"pk": o.movement.pk},
    # The draft the `draft_2014` fixture rolls over from 2013.
    "draft-detail": lambda o: {"year": 2014},
    "draft-edit": lambda o: {"year": 2014},
    "draft-task-edit": lambda o: {"year": 2014},
    "draft-publish": lambda o: {"year": 2014},
    # The council's round (the `council_round` fixture): a closed session and its draft decision.
    **dict.fromkeys(
        [
            f"council:{name}"
            for name in ("session", "attendance", "close", "vote", "minutes", "minutes-print")
        ]
        + ["council:decision-create"],
        lambda o: {"pk": o.council_round.session.pk},
    ),
    **dict.fromkeys(
        [
            "council:decision",
            "council:decision-record",
            "council:decision-docx",
            "council:decision-print",
        ],
        lambda o: {"pk": o.council_round.decision.pk},
    ),
}

MATRIX = {
    # --- Signing in and out: open to everyone -------------------------------------------
    "login": PUBLIC,
    "logout": Row(cells("405"), note="Django 5 logs out by POST only"),
    "password_change": EVERYONE,
    "password_change_done": EVERYONE,
    "set_language": Row(cells("302", anon="302")),
    # --- The plan: every signed-in user reads it ------------------------------------------
    "home": EVERYONE,
    # Signing in leads each role to its page (a redirect for everyone signed in).
    "landing": Row(cells("302")),
    "overview": Row(only("staff", "leader", "admin")),
    # Comparing years: the province's like the overview; a unit's also for its own officer.
    "year-comparison": Row(only("staff", "leader", "admin")),
    "unit-year-comparison": Row(only("own", "staff", "leader", "admin") | {"other": "404"}),
    "search": EVERYONE,
    "plan-detail": EVERYONE,
    "task-detail": EVERYONE,
    "part-list": EVERYONE,
    "requirement-detail": Row(cells("200"), note="an officer sees only their own unit's row"),
    "dashboard": Row(only("staff", "leader", "admin")),
    "dashboard-export": Row(only("staff", "leader", "admin")),
    "task-set-due-date": Row(POST_ONLY, post=only("staff", "admin", ok="302")),
    "task-name-units": Row(
        POST_ONLY,
        post=only("staff", "admin"),
        note="an empty POST: the task page again, the form's error at the field",
    ),
    # --- Next year's plan: the office's draft, invisible to everyone else (404) -------------
    # An empty roll-over form is refused with a message (302) and nothing is made.
    "plan-roll-over": Row(POST_ONLY, post=only("staff", "admin", ok="302")),
    "draft-detail": Row(only("staff", "admin", no="404")),
    # An empty form shows its errors (200).
    "draft-edit": Row(only("staff", "admin", no="404"), post=only("staff", "admin", no="404")),
    "draft-task-edit": Row(only("staff", "admin", no="404"), post=only("staff", "admin", no="404")),
    # Publishing a draft without its number is refused with a message (302).
    "draft-publish": Row(POST_ONLY, post=only("staff", "admin", ok="302", no="404")),
    "unit-list": Row(only("staff", "council", "leader", "admin")),
    "unit-search": Row(
        cells("200"), note="anyone signed in; an officer finds only their own unit (JSON)"
    ),
    "my-unit": Row(cells("302", admin="404"), note="the admin account belongs to no unit"),
    # --- A unit's own things: another unit's officer finds nothing (404) --------------------
    "part-detail": Row(
        cells("200", other="404"),
        # Only the unit and the office report; an empty report is a form error (200).
        post=cells("403", own="200", other="404", staff="200", admin="200"),
    ),
    "part-cancel": Row(
        cells("405", other="405"),
        post=cells("403", other="404", staff="302", admin="302"),
    ),
    "evidence-file": Row(cells("200", other="404")),
    # The office confirms a late report; the report here is not late: refused with a message.
    "report-confirm": Row(
        cells("405", other="405"),
        post=cells("403", other="404", staff="302", admin="302"),
    ),
    "unit-detail": Row(cells("200", other="404")),
    # A unit's names and changes: read by whoever sees the unit; recorded by the office (an
    # empty form comes back with its errors, 200).
    "unit-changes": Row(
        cells("200", other="404"),
        post=cells("403", other="404", staff="200", admin="200"),
    ),
    "unit-participation": Row(
        cells("405"), post=cells("403", other="404", staff="302", admin="302")
    ),
    # The year switcher sends everyone back to the page they came from, in the chosen year.
    "switch-year": Row(cells("302")),
    "submission-create": Row(
        cells("405"),
        # The office may enter a document it received by post; nobody else sends for a unit.
        post=cells("404", own="302", staff="302", admin="302"),
    ),
    "submission-file": Row(cells("200", other="404")),
    "submission-review": Row(POST_ONLY, post=only("staff", "admin", ok="302")),
    # The office's queue of documents waiting for review.
    "review-queue": Row(only("staff", "admin")),
    # Urging from the browser: an empty POST is refused with a message and sent back (302).
    "reminders": Row(only("staff", "admin"), post=only("staff", "admin", ok="302")),
    # What units sent since a date: the office's.
    "arrivals": Row(only("staff", "admin")),
    # A unit's notices: read by the people of a unit, each its own; the admin has no unit.
    "notices": Row(cells("200", admin="404")),
    "notice": Row(cells("404", own="200")),
    "notices-read": Row(POST_ONLY, post=cells("302", admin="404")),
    # --- Spreadsheet imports: the office and the admin -------------------------------------
    # Officers may import their unit's list of nominees (and nothing else: see
    # tests/imports/test_nominees_import.py), so the page opens for them too.
    "import-data": Row(only("officers", "staff", "admin"), post=only("officers", "staff", "admin")),
    "import-confirm": Row(POST_ONLY, post=only("officers", "staff", "admin")),
    "export-data": Row(only("staff", "admin")),
    # --- Award dossiers ---------------------------------------------------------------------
    "awards:unit-dossiers": Row(only("officers")),
    "awards:create": Row(only("officers"), post=only("officers")),
    "awards:dossier": [
        Row(cells("200", other="404", council="404")),
        # Council members see a dossier once it is put before the council.
        Row(cells("200", other="404"), dossier="council_dossier"),
    ],
    "awards:edit": [
        # The unit changes its draft; the office, leaders and the admin read but do not edit.
        Row(
            cells("403", own="200", other="404", council="404"),
            post=cells("403", own="200", other="404", council="404"),
        ),
        Row(
            cells("403", other="404"),
            post=cells("403", other="404"),
            dossier="council_dossier",
        ),
    ],
    "awards:upload": [
        Row(
            cells("403", own="200", other="404", council="404"),
            post=cells("403", own="200", other="404", council="404"),
        ),
        Row(cells("403", other="404"), post=cells("403", other="404"), dossier="council_dossier"),
    ],
    "awards:document": [
        Row(cells("200", other="404", council="404")),
        Row(cells("200", other="404"), dossier="council_dossier"),
    ],
    # Removing a wrong file: the unit's officer while the dossier is still theirs to edit
    # (302 back to the dossier, the file marked removed); once sent, refused to all (403).
    "awards:document-remove": [
        Row(POST_ONLY, post=cells("403", own="302", other="404", council="404")),
        Row(POST_ONLY, post=cells("403", other="404"), dossier="council_dossier"),
    ],
    # Withdrawing: only the unit's officer. Anyone else who may see the dossier is sent back
    # to it with "Không thể thực hiện thao tác này" (302) and nothing moves.
    "awards:move": [
        Row(
            cells("302", own="200", other="404", council="404"),
            post=cells("302", other="404", council="404"),
        ),
        Row(
            cells("302", own="200", other="404"),
            post=cells("302", other="404"),
            dossier="council_dossier",
        ),
    ],
    "awards:inbox": Row(only("staff", "leader", "admin")),
    "awards:inbox-move": Row(POST_ONLY, post=only("staff", "admin", ok="302")),
    "awards:council": Row(only("staff", "council", "leader", "admin")),
    "awards:lookup": EVERYONE,
    # Initiatives: each role sees the list (an officer only the unit's own); only the office
    # records Hội đồng KHSK's recognition (an empty form is refused with a message: 302).
    "awards:initiatives": EVERYONE,
    "awards:initiative-recognise": Row(POST_ONLY, post=only("staff", "admin", ok="302")),
    # The office edits any unit's initiative, the unit's officer its own (another unit's is
    # 404); leaders and council members read the list but edit none (an empty form: 200).
    "awards:initiative-edit": Row(
        cells("403", own="200", other="404", staff="200", admin="200"),
        post=cells("403", own="200", other="404", staff="200", admin="200"),
    ),
    # --- The person register ------------------------------------------------------------
    # The type-ahead: the office finds anyone, an officer their unit's people (JSON).
    "people:search": Row(only("officers", "staff", "admin")),
    # Only the office merges two records (an empty form is sent back with a message: 302).
    "people:merge": Row(only("staff", "admin"), post=only("staff", "admin", ok="302")),
    # A movement's results: every signed-in user, each seeing the dossiers they may.
    "awards:movement": EVERYONE,
    # Only the grouping's leading unit proposes its best (an empty form: 200 with errors).
    "awards:propose": Row(
        cells("403", own="200", other="404"), post=cells("403", own="200", other="404")
    ),
    # --- The year's emulation work (clusters, blocks, section II) ---------------------------
    "emulation:current": Row(cells("302")),
    "emulation:groupings": EVERYONE,
    # The office announces groupings and gives them score sheets (an empty form: 200 / 302).
    "emulation:announce": Row(only("staff", "admin"), post=only("staff", "admin")),
    "emulation:launch-movement": Row(only("staff", "admin"), post=only("staff", "admin")),
    "emulation:score-sheet": Row(
        cells("405"), post=cells("403", other="404", staff="302", admin="302")
    ),
    # The unit's own officer registers and records exemplars (an empty form: 200 with errors).
    "emulation:register": Row(only("officers"), post=only("officers")),
    "emulation:exemplars": Row(cells("200"), post=only("officers")),
    "emulation:inspections": EVERYONE,
    # The office keeps the province's inspections, an officer its unit's (an empty form is
    # sent back to the page with a message: 302).
    "emulation:inspection-plan": Row(
        cells("405"), post=cells("403", officers="302", staff="302", admin="302")
    ),
    "emulation:inspection-add": Row(cells("405"), post=cells("404", own="302")),
    "emulation:inspection-record": Row(cells("405"), post=cells("404", own="302")),
    "emulation:section-two": Row(only("staff", "council", "leader", "admin")),
    "emulation:section-two-units": Row(only("staff", "council", "leader", "admin")),
    # A grouping and its files: its members, and those who follow every unit.
    "emulation:grouping": Row(cells("200", other="404")),
    "emulation:pact-file": Row(cells("200", other="404")),
    # Only a member's officer signs; an empty form goes back to the grouping with a message.
    "emulation:sign-pact": Row(
        cells("302", other="404"), post=cells("403", own="302", other="404")
    ),
    # A member's scores: itself, the leading unit and those who follow all; the member and
    # the office (entering a sheet received on paper) write, an empty form goes back (302).
    "emulation:scores": Row(
        cells("200", other="404"),
        post=cells("403", own="302", other="404", staff="302", admin="302"),
    ),
    "emulation:score-evidence": Row(cells("200", other="404")),
    # --- A background export: only the user who asked sees it, whatever the others' roles.
    "export-job": Row(cells("404", own="200")),
    "export-job-status": Row(cells("404", own="200")),
    "export-job-file": Row(cells("404", own="200")),
    # --- The council's round: the office runs it, members vote, leaders read ----------------
    "council:sessions": Row(only("staff", "council", "leader", "admin")),
    # The office's document templates (an empty upload: 200 with the form's errors).
    "council:templates": Row(only("staff", "admin"), post=only("staff", "admin")),
    # The office adds members (an empty form: 200 with errors); others may only read.
    "council:members": Row(
        only("staff", "council", "leader", "admin"), post=only("staff", "admin")
    ),
    "council:session-create": Row(only("staff", "admin"), post=only("staff", "admin")),
    "council:session": Row(only("staff", "council", "leader", "admin")),
    # Refused with a message (the ballot is closed, the form is empty): 302 for the office.
    "council:attendance": Row(POST_ONLY, post=only("staff", "admin", ok="302")),
    "council:close": Row(POST_ONLY, post=only("staff", "admin", ok="302")),
    "council:vote": Row(only("council"), post=only("council", ok="302")),
    "council:minutes": Row(only("staff", "council", "leader", "admin")),
    # The print views answer to whoever may download the same document's DOCX.
    "council:minutes-print": Row(only("staff", "council", "leader", "admin")),
    "council:decision-print": Row(only("staff", "council", "leader", "admin")),
    "council:decision-create": Row(POST_ONLY, post=only("staff", "admin", ok="302")),
    "council:decision": Row(only("staff", "council", "leader", "admin")),
    "council:decision-record": Row(POST_ONLY, post=only("staff", "admin", ok="302")),
    "council:decision-docx": Row(only("staff", "council", "leader", "admin")),
    # Proposals: an officer lists and drafts the unit's own, the office all and its own.
    "council:proposals": Row(
        only("officers", "staff", "admin"), post=only("officers", "staff", "admin")
    ),
    "council:proposal": Row(cells("403", own="200", other="404", staff="200", admin="200")),
    "council:proposal-docx": Row(cells("403", own="200", other="404", staff="200", admin="200")),
    "council:proposal-print": Row(cells("403", own="200", other="404", staff="200", admin="200")),
    # Only the unit sends its proposal (an empty form goes back with a message).
    # Unit decisions: everyone follows them (an officer only the unit's); officers record.
    "council:unit-decisions": Row(cells("200"), post=only("officers")),
    "council:unit-decision": Row(cells("200", other="404")),
    "council:proposal-send": Row(
        cells("405", other="405"), post=cells("403", own="302", other="404")
    ),
}

# --- Django admin: the admin only. Everyone else is sent to the admin's login page. -----------
ADMIN_SITE = {
    "admin:index": "200",
    "admin:login": "302",  # the admin is already signed in
    "admin:logout": "405",
    "admin:password_change": "200",
    "admin:password_change_done": "200",
    "admin:autocomplete": "403",  # needs its parameters: a bare request is refused
    "admin:jsi18n": "200",
    "admin:view_on_site": "404",  # our models have no public page of their own
    "admin:app_list": "200",
    "admin/(?P<url>.*)": "404",
}
MATRIX.update(
    {
        "admin:login": Row(cells("200", anon="200", admin="302")),
        # Not an admin yet: sent to the admin's login page first (302 there, not "login/").
        "admin:logout": Row(cells("302", anon="login", admin="405")),
    }
)
# Per registered model: what the admin gets on each admin page. "add"/"delete" 403: rows
# written only by the services or kept forever. "simple_history": one past version of an
# audited record (read-only: SIMPLE_HISTORY_REVERT_DISABLED).
ADMIN_MODELS = {
    "auth.group": {},
    "axes.accessattempt": {"add": "403"},
    "axes.accesslog": {"add": "403"},
    "axes.accessfailurelog": {"add": "403"},
    "units.unit": {"import": True, "simple_history": "200"},
    "units.user": {"import": True, "simple_history": "200"},
    "units.cluster": {"simple_history": "200"},
    # A unit's recorded change is history: shown, never edited or deleted.
    "units.unitchange": {"delete": "403", "simple_history": "200"},
    "plan.plan": {"simple_history": "200"},
    "plan.task": {"import": True, "simple_history": "200"},
    "plan.taskpart": {"delete": "403", "simple_history": "200"},
    "plan.requirement": {"simple_history": "200"},
    "plan.submission": {"add": "403", "delete": "403", "simple_history": "200"},
    "plan.reminder": {"add": "403", "delete": "403"},
    "plan.responsibleunit": {"import": True, "simple_history": "200"},
    "awards.awardtype": {"simple_history": "200"},
    "awards.category": {"simple_history": "200"},
    "awards.batch": {"simple_history": "200"},
    "awards.initiative": {"simple_history": "200"},
    "awards.dossier": {"add": "403", "delete": "403", "simple_history": "200"},
    "awards.awardrecord": {"simple_history": "200"},
    "awards.ruleset": {"simple_history": "200"},
    "people.person": {"simple_history": "200"},
    "people.annualrating": {"simple_history": "200"},
    "emulation.scoresheettemplate": {},
    "emulation.inspectionplan": {"simple_history": "200"},
    "emulation.movement": {"simple_history": "200"},
    "emulation.registration": {"add": "403", "delete": "403", "simple_history": "200"},
    "emulation.pactsignature": {"add": "403", "delete": "403", "simple_history": "200"},
    "emulation.score": {"add": "403", "delete": "403", "simple_history": "200"},
    "emulation.exemplar": {"add": "403", "delete": "403", "simple_history": "200"},
    # The council's records: made by its services, kept forever (the ballot's casts have no
    # page at all: who voted is never shown beside how).
    **{
        label: {"add": "403", "delete": "403", "simple_history": "200"}
        for label in (
            "council.councilmember",
            "council.session",
            "council.proposal",
            "council.decision",
            "council.unitdecision",
        )
    },
    # Background jobs: read only; what ran is kept, not added by hand.
    "core.exportjob": {"add": "403"},
    "django_tasks_database.dbtaskresult": {"add": "403", "delete": "403"},
}


def _admin_rows():
    rows = {}
    for name, admin_answer in ADMIN_SITE.items():
        rows.setdefault(name, Row(cells("login", admin=admin_answer)))
    for label, pages in ADMIN_MODELS.items():
        app, model = label.split(".")
        prefix = f"admin:{app}_{model}"
        answers = {
            "changelist": "200",
            "add": "200",
            "change": "200",
            "delete": "200",
            "history": "200",
            **{k: v for k, v in pages.items() if k != "import"},
        }
        if pages.get("import"):
            answers.update(import_="200", process_import="405", export="200")
        for page, answer in answers.items():
            rows[f"{prefix}_{page.rstrip('_')}"] = Row(cells("login", admin=answer))
        # <path:object_id>/ with nothing after it redirects to the change page.
        rows[f"admin/{app}/{model}/<path:object_id>/"] = Row(cells("login", admin="302"))
        if label == "units.user":
            rows["admin:auth_user_password_change"] = Row(cells("login", admin="200"))
    return rows


MATRIX.update({k: v for k, v in _admin_rows().items() if k not in MATRIX})


# --- Running it ------------------------------------------------------------------------------


def _key(name, route):
    # Unnamed patterns (admin's object redirect, its catch-all) are known by their route.
    return route if name.endswith(":") or not name else name


def _answer(response):
    if response.status_code == 302:
        return "login" if "login/" in response["Location"] else "302"
    return str(response.status_code)


def _admin_object(name, route):
    """A real row of the model an admin URL is about, so change/delete/history pages exist:
    {"object_id": ..., "version_id": ...} (the version: the row's latest audit record)."""
    label = name.split(":", 1)[1] if ":" in name and name.split(":", 1)[1] else ""
    for candidate in apps.get_models():
        prefix = f"{candidate._meta.app_label}_{candidate._meta.model_name}"
        if label.startswith(prefix + "_") or route.startswith(
            f"admin/{candidate._meta.app_label}/{candidate._meta.model_name}/"
        ):
            pk = candidate._default_manager.order_by("pk").values_list("pk", flat=True).first()
            values = {"object_id": pk}
            if "version_id" in route_arguments(route):
                # On the history model "pk" is the version's own id: ask by the record's id.
                versions = candidate.history.filter(**{candidate._meta.pk.attname: pk})
                if not versions.exists():
                    # Rows loaded from fixtures (raw) have no history yet: give one a version.
                    candidate._default_manager.get(pk=pk).save()
                values["version_id"] = versions.latest().history_id
            return values
    return {"object_id": None}


def _fingerprint():
    """What a write would change: the rows that record work, and every dossier's state."""
    return (
        ProgressReport.objects.count(),
        Submission.objects.count(),
        SubmissionReview.objects.count(),
        TaskPart.objects.count(),
        DossierDocument.objects.count(),
        DossierDocument.objects.current().count(),
        DossierTransition.objects.count(),
        tuple(Dossier.objects.order_by("pk").values_list("state", flat=True)),
        tuple(Task.objects.order_by("pk").values_list("due_on", flat=True)),
    )


@dataclass
class Matrix:
    clients: dict
    mismatches: list = field(default_factory=list)

    def ask(self, method, path, role, client, expected, where):
        if method == "get":
            got = _answer(client.get(path))
        else:
            with transaction.atomic():
                before = _fingerprint() if role == "leader" else None
                got = _answer(client.post(path, {}))
                if before is not None and _fingerprint() != before:
                    self.mismatches.append(f"{where} POST {path} [leader] WROTE something")
                transaction.set_rollback(True)
        if got != expected:
            self.mismatches.append(f"{where} {method.upper()} {path} [{role}] {expected} != {got}")

    def run_row(self, key, route, row, officers, values):
        path = fill_route(route, values)
        for method, answers in (("get", row.get), ("post", row.post)):
            if answers is None:
                continue
            for role in ROLES:
                client = officers[role] if role in ("own", "other") else self.clients[role]
                self.ask(method, path, role, client, answers[role], key)


@pytest.fixture
def admin_rows(unit_a):
    """A row of each model the demo does not fill, so its admin pages have one to show."""
    AccessAttempt.objects.create(
        username="officer", ip_address="127.0.0.1", user_agent="test", failures_since_start=1
    )
    AccessFailureLog.objects.create(username="officer", ip_address="127.0.0.1", user_agent="t")
    Reminder.objects.create(
        unit=unit_a.unit, sent_on="2013-03-01", as_of="2013-03-01", recipients="a@b.vn", items=[]
    )
    initiative = Initiative.objects.create(
        title="Sáng kiến thử", authors="Nguyễn Văn Thử", unit=unit_a.unit, year=2013
    )
    DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="core.exports.run_export_job",
        backend_name="database",
        run_after=timezone.now(),
    )
    AwardRecord.objects.create(
        name="Nguyễn Văn Thử", year=2012, award_type=unit_a.dossier.award_type, unit=initiative.unit
    )
    person = Person.objects.create(full_name="Nguyễn Văn Thử")
    UnitChange.objects.create(
        unit=unit_a.unit,
        kind="renamed",
        on="2014-01-01",
        reason="Thử",
        old_name="Cũ",
        new_name="Mới",
    )
    AnnualRating.objects.create(person=person, year=2012, rating="good")


@pytest.fixture
def role_clients(officer, officer2, staff, council, leader, admin_user):
    clients = {"anon": Client()}
    for role, user in [
        ("officer", officer),
        ("officer2", officer2),
        ("staff", staff),
        ("council", council),
        ("leader", leader),
        ("admin", admin_user),
    ]:
        clients[role] = Client()
        clients[role].force_login(user)
    return clients


@pytest.fixture
def council_round(unit_a, officer, staff, council):
    """A council of one (the council account), a closed session on a dossier of unit A that
    passed, and the draft decision listing it."""
    dossier = award_demo.advance(
        award_demo.new_dossier(officer, "bang-khen-tinh", name="Người được bỏ phiếu"),
        DossierState.BEFORE_COUNCIL,
        officer=officer,
        staff=staff,
        council=council,
    )
    council_services.add_member(2013, staff, full_name="Vi Văn Đức", user=council)
    session = council_services.open_session(
        2013, staff, date=datetime.date(2013, 12, 10), dossiers=[dossier]
    )
    council_services.set_attendance(session, staff, CouncilMember.objects.filter(year=2013))
    council_services.cast_votes(session, council, {session.items.get().pk: "for"})
    council_services.close_ballot(session, staff)
    decision = council_services.draft_decision(session, staff, signer_name="Lý Văn Quang")
    unit_a.council_round = SimpleNamespace(session=session, decision=decision)
    return unit_a.council_round


@pytest.fixture
def unit_proposals(unit_a, unit_b, officer, officer2):
    """Each unit's proposal, drafted from its draft dossier, and its decision on Giấy khen."""
    for objects, user in ((unit_a, officer), (unit_b, officer2)):
        objects.proposal = create_proposal(
            user, 2013, summary="Về việc đề nghị khen thưởng", dossiers=[objects.dossier]
        )
        objects.unit_decision = record_unit_decision(
            objects.unit,
            user,
            year=2013,
            number="12/QĐ-TĐKT",
            date=datetime.date(2013, 12, 25),
            signer_name="Thủ trưởng",
            lines=parse_lines(AwardType.objects.get(code="giay-khen"), "Nguyễn Văn Giấy"),
        )


@pytest.fixture
def draft_2014(staff):
    return roll_over_plan(2013, 2014, by=staff).plan


def test_every_url_answers_every_role_as_the_matrix_says(
    role_clients, unit_a, unit_b, admin_rows, draft_2014, council_round, unit_proposals
):
    routes = project_routes()
    missing = sorted({_key(n, r) for n, r in routes} - set(MATRIX))
    assert not missing, f"URLs without a row in the access matrix; add them to it: {missing}"
    stale = sorted(set(MATRIX) - {_key(n, r) for n, r in routes})
    assert not stale, f"Rows of the access matrix for URLs that no longer exist: {stale}"

    matrix = Matrix(role_clients)
    a_first = {"own": role_clients["officer"], "other": role_clients["officer2"]}
    b_first = {"own": role_clients["officer2"], "other": role_clients["officer"]}
    seen = set()
    for name, route in routes:
        key = _key(name, route)
        if (key, route) in seen:
            continue  # "login" is declared twice; the first one answers
        seen.add((key, route))
        rows = MATRIX[key] if isinstance(MATRIX[key], list) else [MATRIX[key]]
        for row in rows:
            if key in OBJECT_URLS:
                for objects, officers in ((unit_a, a_first), (unit_b, b_first)):
                    values = OBJECT_URLS[key](objects, getattr(objects, row.dossier))
                    matrix.run_row(f"{key}@{objects.unit.code}", route, row, officers, values)
            else:
                assert row.get["own"] == row.get["other"], f"{key}: officers differ, no object"
                values = PLAIN_OBJECT_URLS[key](unit_a) if key in PLAIN_OBJECT_URLS else {}
                if key.startswith("admin") and "object_id" in route_arguments(route):
                    values = _admin_object(name, route)
                matrix.run_row(key, route, row, a_first, values)
    assert not matrix.mismatches, "\n".join(["", *matrix.mismatches])

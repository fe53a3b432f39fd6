"""What every generator of `manage.py seed_scale` shares: writing in batches, dates as
given, the one shared PDF, and the generated units, their officers and clusters."""

import contextlib
import datetime

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from units.enums import Role, UnitKind
from units.models import Cluster, Unit, UnitAlias, User

BATCH = 5000
CODE_PREFIX = "dv-"
SHARED_PDF = b"%PDF-1.4\n% Tai lieu thu nghiem quy mo lon\n%%EOF\n"
SHARED_PDF_NAME = "scale/van-ban-mau.pdf"

# How generated units are spread over the kinds (weights).
UNIT_KINDS = [
    (UnitKind.DEPARTMENT, 30),
    (UnitKind.DISTRICT, 15),
    (UnitKind.AGENCY, 35),
    (UnitKind.ENTERPRISE, 15),
    (UnitKind.MASS_ORGANISATION, 5),
]
KIND_NAMES = {
    UnitKind.DEPARTMENT: "Sở, ngành",
    UnitKind.DISTRICT: "Huyện",
    UnitKind.AGENCY: "Cơ quan",
    UnitKind.ENTERPRISE: "Doanh nghiệp",
    UnitKind.MASS_ORGANISATION: "Hội",
}
CLUSTER_SIZE = 25


def bulk(model, rows, batch_size=BATCH):
    """bulk_create an iterable in batches without holding it all; returns the row count."""
    count, chunk = 0, []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= batch_size:
            model.objects.bulk_create(chunk, batch_size=batch_size)
            count += len(chunk)
            chunk = []
    if chunk:
        model.objects.bulk_create(chunk, batch_size=batch_size)
        count += len(chunk)
    return count


@contextlib.contextmanager
def dates_as_given(*fields):
    """Let bulk_create keep the dates we set on auto_now_add fields (history written as of
    its own day, not as of the seeding); restored afterwards."""
    saved = [(f, f.auto_now_add) for f in fields]
    for f, _ in saved:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f, value in saved:
            f.auto_now_add = value


def at(day, rng):
    """A moment during office hours on a local day."""
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(7, 16), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def same_day_in(day, year):
    """The day shifted to another year (29 February becomes the 28th)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def shared_pdf():
    """The one stored PDF every generated submission and document points to."""
    if not default_storage.exists(SHARED_PDF_NAME):
        default_storage.save(SHARED_PDF_NAME, ContentFile(SHARED_PDF))
    return SHARED_PDF_NAME


def scale_units():
    return Unit.objects.filter(code__startswith=CODE_PREFIX)


def create_units(n, rng):
    """n generated units (codes dv-00001...), one alias each, and one officer per unit."""
    start = scale_units().count()
    kinds, weights = zip(*UNIT_KINDS, strict=True)
    new = []
    for i in range(start + 1, n + 1):
        kind = rng.choices(kinds, weights)[0]
        new.append(
            Unit(
                code=f"{CODE_PREFIX}{i:05d}",
                name=f"{KIND_NAMES[kind]} thử nghiệm số {i:05d}",
                short_name=f"ĐV {i:05d}",
                kind=kind,
                is_participating=True,
            )
        )
    bulk(Unit, new)
    units = list(scale_units().filter(code__in=[u.code for u in new]).order_by("code"))
    bulk(UnitAlias, (UnitAlias(unit=u, name=f"Đơn vị số {u.code[3:]}") for u in units))
    password = make_password(None)  # unusable: the accounts exist to own the history
    bulk(
        User,
        (
            User(
                username=f"cb-{u.code}",
                first_name="Cán bộ",
                last_name=f"ĐV {u.code[3:]}",
                unit=u,
                password=password,
            )
            for u in units
        ),
    )
    group = Group.objects.get_or_create(name=Role.UNIT_OFFICER.value)[0]
    users = User.objects.filter(username__startswith=f"cb-{CODE_PREFIX}", groups=None)
    bulk(
        User.groups.through,
        (
            User.groups.through(user_id=pk, group_id=group.pk)
            for pk in users.values_list("pk", flat=True)
        ),
    )
    return len(new)


def create_clusters(year, units, rng):
    """The year's clusters and blocks of CLUSTER_SIZE generated units, each led by one."""
    shuffled = units[:]
    rng.shuffle(shuffled)
    clusters = []
    for k, start in enumerate(range(0, len(shuffled), CLUSTER_SIZE), start=1):
        members = shuffled[start : start + CLUSTER_SIZE]
        kind = Cluster.Kind.CLUSTER if k % 2 else Cluster.Kind.BLOCK
        label = "Cụm thi đua" if kind == Cluster.Kind.CLUSTER else "Khối thi đua"
        clusters.append(
            (Cluster(year=year, name=f"{label} số {k}", kind=kind, leader_id=members[0]), members)
        )
    bulk(Cluster, (c for c, _ in clusters))
    ids = dict(Cluster.objects.filter(year=year).values_list("name", "pk"))
    through = Cluster.members.through
    bulk(
        through,
        (
            through(cluster_id=ids[c.name], unit_id=unit_id)
            for c, members in clusters
            for unit_id in members
        ),
    )
    return len(clusters)

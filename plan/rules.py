"""Who may do what with the plan's schedule: parts, reports, requirements, submissions."""

from django.utils.translation import gettext as _

from units.rules import belongs_to_unit, is_leader, is_office, unit_owned_visibility

from .models import Plan

# A unit's parts and the documents it sent are seen by whoever may see the unit: every
# unit's for the office, leaders and council; an officer only their own unit's.
part_visibility = unit_owned_visibility
submission_visibility = unit_owned_visibility
# A progress report (and its evidence file) goes with its part.
report_visibility = part_visibility.through("part")


def can_view_part(user, part):
    return part_visibility.allows(user, part)


def can_view_submission(user, submission):
    return submission_visibility.allows(user, submission)


def can_manage_schedule(user):
    """Set due dates, name units for collective phrases, cancel parts, review submissions."""
    return is_office(user)


def can_view_dashboard(user):
    return can_manage_schedule(user) or is_leader(user)


def can_report_on_part(user, part):
    return can_manage_schedule(user) or belongs_to_unit(user, part.unit)


def can_submit_for(user, unit):
    """Officers send their own unit's documents; the office may enter one it received by post."""
    return can_manage_schedule(user) or belongs_to_unit(user, unit)


def latest_published_year():
    """The year of the latest published plan (the current year of the product), or None."""
    return Plan.objects.published().order_by("-year").values_list("year", flat=True).first()


def is_past_year(year, latest=None):
    """`latest`: the latest published year, when the caller has read it already (a page reads
    the published plans once, plan.views.years.published_plans); else it is asked for."""
    latest = latest_published_year() if latest is None else latest
    return latest is not None and year < latest


def can_change_year(user, year, latest=None):
    """A past year's records are read-only, except for the office (issue 17): its reports
    and documents are what was sent then. The office may still put a mistake right.
    `latest` as for is_past_year."""
    return is_office(user) or not is_past_year(year, latest)


def past_year_refusal(year):
    return _("Năm %(y)s đã qua: số liệu của năm này chỉ để xem; chỉ Ban TĐKT được thay đổi.") % {
        "y": year
    }


def can_submit_in_year(user, unit, year, latest=None):
    """May send the unit's documents for the year's requirements: can_submit_for, and the
    year is not a past one (can_change_year) unless the sender is the office. `year` None
    (no plan published yet) leaves only the first rule; `latest` as for is_past_year."""
    return can_submit_for(user, unit) and (year is None or can_change_year(user, year, latest))


def can_compare_years(user):
    """The province's comparison of years (its parts, documents and awards): the leaders
    and the office, who follow every unit."""
    return is_office(user) or is_leader(user)


def can_compare_unit_years(user, unit):
    """A unit's comparison of years: whoever sees the province's, and the unit's officer."""
    return can_compare_years(user) or belongs_to_unit(user, unit)

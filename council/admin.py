"""The council's records in Django admin, for the admins who keep the data.

Every writer of the council's work is a service (council.services, proposals,
unit_decisions): admin reads, and changes only what no rule rests on (a member's name and
title, a session's place, a proposal's wording), each change kept in the history. Nothing is
added or deleted here.

The ballot stays secret here too: `BallotCast` (who voted) has no admin page, a session
shows per dossier only how many voted, and its tally only once the ballot is closed, as on the
session page; the counters are never editable.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.admin_history import HistoryAdmin

from .models import (
    CouncilMember,
    Decision,
    Proposal,
    ProposalItem,
    Session,
    SessionItem,
    UnitAwardee,
    UnitDecision,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class KeptForever:
    """Rows made by the services and never deleted."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CouncilMember)
class CouncilMemberAdmin(HistoryAdmin):
    list_display = ["full_name", "council_role", "position", "year", "user", "order"]
    list_filter = ["year", "council_role"]
    list_select_related = ["user"]
    search_fields = ["full_name", "position", "user__username"]
    autocomplete_fields = ["user"]
    ordering = ["-year", "order", "pk"]

    def has_add_permission(self, request):
        # Seats are added on the council's members page (council.services.add_member).
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SessionItemInline(ReadOnlyInline):
    model = SessionItem
    fields = ["order", "dossier", "members", "required_for", "voted", "tally"]
    readonly_fields = fields
    verbose_name = _("hồ sơ được bỏ phiếu")
    verbose_name_plural = _("hồ sơ được bỏ phiếu")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("dossier__award_type", "session")
            .annotate(cast_count=Count("casts"))
        )

    @admin.display(description=_("số thành viên đã bỏ phiếu"))
    def voted(self, item):
        return item.cast_count

    @admin.display(description=_("kết quả (đồng ý / không đồng ý)"))
    def tally(self, item):
        # As on the session page: no tally while members are still voting.
        if item.session.closed_at is None:
            return _("công bố khi kết thúc bỏ phiếu")
        verdict = _("Đạt") if item.passed else _("Không đạt")
        return f"{item.votes_for} / {item.votes_against} ({verdict})"


@admin.register(Session)
class SessionAdmin(KeptForever, HistoryAdmin):
    list_display = ["__str__", "year", "place", "present_count", "item_count", "closed_at"]
    list_filter = ["year", ("closed_at", admin.EmptyFieldListFilter)]
    search_fields = ["place", "items__dossier__reference"]
    date_hierarchy = "date"
    readonly_fields = ["year", "proposal", "present_list", "closed_at", "created_by", "created_at"]
    fields = ["date", "place", *readonly_fields]
    inlines = [SessionItemInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("proposal", "created_by")
            .annotate(
                present_total=Count("present", distinct=True),
                item_total=Count("items", distinct=True),
            )
        )

    @admin.display(description=_("có mặt"), ordering="present_total")
    def present_count(self, session):
        return session.present_total

    @admin.display(description=_("số hồ sơ"), ordering="item_total")
    def item_count(self, session):
        return session.item_total

    @admin.display(description=_("thành viên có mặt"))
    def present_list(self, session):
        # Attendance changes only through the service, which refuses once anyone has voted.
        return "; ".join(str(member) for member in session.present.all()) or "—"


class ProposalItemInline(ReadOnlyInline):
    model = ProposalItem
    fields = ["order", "dossier"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("dossier")


@admin.register(Proposal)
class ProposalAdmin(KeptForever, HistoryAdmin):
    list_display = ["__str__", "kind", "unit", "year", "date", "item_count", "sent_at"]
    list_filter = ["kind", "year", ("sent_at", admin.EmptyFieldListFilter)]
    list_select_related = ["unit"]
    search_fields = ["number", "summary", "unit__name"]
    readonly_fields = ["kind", "unit", "year", "sent_at", "created_by"]
    fields = ["number", "date", "summary", "signer_title", "signer_name", *readonly_fields]
    inlines = [ProposalItemInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_total=Count("items"))

    @admin.display(description=_("số hồ sơ"), ordering="item_total")
    def item_count(self, proposal):
        return proposal.item_total


class DecisionDossierInline(ReadOnlyInline):
    model = Decision.dossiers.through
    fields = ["dossier"]
    readonly_fields = fields
    verbose_name = _("hồ sơ được khen thưởng")
    verbose_name_plural = _("hồ sơ được khen thưởng")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("dossier")


@admin.register(Decision)
class DecisionAdmin(KeptForever, HistoryAdmin):
    """Read only: recording approves the dossiers, and a correction needs the office's reason
    (council.services.record_decision, correct_decision)."""

    list_display = ["__str__", "date", "session", "signer_name", "dossier_count", "recorded_at"]
    list_filter = ["session__year", ("recorded_at", admin.EmptyFieldListFilter)]
    list_select_related = ["session"]
    search_fields = ["number", "signer_name", "dossiers__reference"]
    exclude = ["dossiers"]
    inlines = [DecisionDossierInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(dossier_total=Count("dossiers"))

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("số hồ sơ"), ordering="dossier_total")
    def dossier_count(self, decision):
        return decision.dossier_total


class UnitAwardeeInline(ReadOnlyInline):
    model = UnitAwardee
    fields = ["order", "award_type", "name", "nominee_kind", "position", "record"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("award_type", "record")


@admin.register(UnitDecision)
class UnitDecisionAdmin(KeptForever, HistoryAdmin):
    """Read only: its list became award records when it was recorded."""

    list_display = ["number", "unit", "year", "date", "signer_name", "awardee_count"]
    list_filter = ["year"]
    list_select_related = ["unit"]
    search_fields = ["number", "summary", "unit__name", "awardees__name"]
    autocomplete_fields = ["unit"]
    inlines = [UnitAwardeeInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(awardee_total=Count("awardees"))

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("số người, tập thể"), ordering="awardee_total")
    def awardee_count(self, decision):
        return decision.awardee_total

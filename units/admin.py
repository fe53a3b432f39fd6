from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_history import HistoryAdmin
from core.import_admin import SpreadsheetImportExportMixin
from core.visibility import VisibleRowsAdmin

from .change_forms import UnitChangeForm
from .enums import Role
from .models import Cluster, Unit, UnitAlias, UnitChange, UnitYear, User
from .resources import UnitResource, UserResource
from .rules import unit_visibility
from .services import check_grouping_members, deactivate_user


class UnitYearInline(admin.TabularInline):
    model = UnitYear
    extra = 0


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 1


@admin.register(Unit)
class UnitAdmin(VisibleRowsAdmin, SpreadsheetImportExportMixin, HistoryAdmin):
    visibility = unit_visibility
    resource_classes = [UnitResource]
    list_display = ["name", "short_name", "code", "kind", "parent", "is_participating"]
    list_filter = ["kind", "is_participating"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "code", "aliases__name"]
    autocomplete_fields = ["parent"]
    inlines = [UnitAliasInline, UnitYearInline]
    # A name, an end and a successor change through UnitChange (units.lifecycle), which keeps
    # the name history; "new from a date" is set here.
    readonly_fields = ["ended_on", "successor"]


class UnitRoleFilter(admin.SimpleListFilter):
    title = _("vai trò")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return Role.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(groups__name=self.value())
        return queryset


@admin.register(User)
class UserAdmin(SpreadsheetImportExportMixin, HistoryAdmin, DjangoUserAdmin):
    # Imports never set passwords: new accounts stay inactive until an admin sets one.
    resource_classes = [UserResource]
    list_display = ["username", "get_full_name", "unit", "role_names", "is_active"]
    list_filter = [UnitRoleFilter, "is_active", "is_superuser"]
    list_select_related = ["unit"]
    search_fields = ["username", "first_name", "last_name", "email", "unit__name"]
    autocomplete_fields = ["unit"]
    actions = ["deactivate_selected"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets[:2],
        (_("Đơn vị"), {"fields": ("unit",)}),
        *DjangoUserAdmin.fieldsets[2:],
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("vai trò"))
    def role_names(self, user):
        return ", ".join(str(role.label) for role in user.roles)

    @admin.action(description=_("Khóa tài khoản"), permissions=["change"])
    def deactivate_selected(self, request, queryset):
        # Accounts are never deleted (their history must stay readable); one's own is skipped.
        count = sum(
            deactivate_user(user, by=request.user) for user in queryset.exclude(pk=request.user.pk)
        )
        self.message_user(
            request,
            ngettext("Đã khóa %(count)d tài khoản.", "Đã khóa %(count)d tài khoản.", count)
            % {"count": count},
            messages.SUCCESS,
        )


class ClusterForm(forms.ModelForm):
    class Meta:
        model = Cluster
        fields = ["year", "name", "kind", "leader", "members"]

    def clean(self):
        data = super().clean()
        if data.get("year") and data.get("kind") and data.get("members") is not None:
            members = list(data["members"])
            try:
                check_grouping_members(
                    data["year"], data["kind"], members, exclude=self.instance.pk and self.instance
                )
            except ValidationError as error:
                self.add_error("members", error)
        return data


@admin.register(Cluster)
class ClusterAdmin(HistoryAdmin):
    form = ClusterForm
    list_display = ["name", "year", "kind", "leader"]
    list_filter = ["year", "kind"]
    list_select_related = ["leader"]
    search_fields = ["name", "leader__name"]
    autocomplete_fields = ["leader"]
    filter_horizontal = ["members"]


class UnitChangeAdminForm(forms.ModelForm):
    """The admin's way to rename, merge or dissolve a unit: the same form and service as
    the unit's page (units.change_forms), so the name history and the unit stay in step."""

    class Meta:
        model = UnitChange
        fields = ["unit", "kind", "on", "new_name", "new_short_name", "successor", "reason"]

    by = None  # the signed-in user: set by UnitChangeAdmin.get_form
    recorded = None

    def clean(self):
        data = super().clean()
        if not data.get("unit"):
            return data
        self.change_form = UnitChangeForm(
            {
                "kind": data.get("kind"),
                "on": data["on"].strftime("%d/%m/%Y") if data.get("on") else "",
                "name": data.get("new_name") or "",
                "short_name": data.get("new_short_name") or "",
                "successor": data["successor"].pk if data.get("successor") else "",
                "reason": data.get("reason") or "",
            }
        )
        if not self.change_form.is_valid():
            for field, errors in self.change_form.errors.items():
                target = {"name": "new_name", "short_name": "new_short_name"}.get(field, field)
                self.add_error(target if target in self.fields else None, errors)
            return data
        # The service's refusals (a date before the last change, a name taken) belong on
        # this form; the admin's add view runs in one transaction, so nothing half-written
        # stays if a later step fails.
        try:
            self.recorded = self.change_form.record(data["unit"], self.by)
        except ValidationError:
            for field, errors in self.change_form.errors.items():
                target = {"name": "new_name", "short_name": "new_short_name"}.get(field, field)
                self.add_error(target if target in self.fields else None, errors)
        return data


@admin.register(UnitChange)
class UnitChangeAdmin(HistoryAdmin):
    form = UnitChangeAdminForm
    list_display = ["unit", "kind", "on", "old_name", "new_name", "successor", "recorded_by"]
    list_filter = ["kind"]
    list_select_related = ["unit", "successor", "recorded_by"]
    search_fields = ["unit__name", "old_name", "new_name"]
    autocomplete_fields = ["unit", "successor"]
    date_hierarchy = "on"

    def has_change_permission(self, request, obj=None):
        # A recorded change is history: a mistake is put right by a later change.
        return False if obj is not None else super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"by": request.user})

    def save_model(self, request, obj, form, change):
        # Written by the service in the form's clean (UnitChangeAdminForm).
        obj.pk = form.recorded.pk

    def save_related(self, request, form, formsets, change):
        pass

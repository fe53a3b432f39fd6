from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin_history import HistoryAdmin
from core.import_admin import SpreadsheetImportExportMixin
from core.visibility import VisibleRowsAdmin

from .enums import Role
from .models import Cluster, Unit, UnitAlias, User
from .resources import UnitResource, UserResource
from .rules import unit_visibility
from .services import check_grouping_members, deactivate_user


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
    inlines = [UnitAliasInline]


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

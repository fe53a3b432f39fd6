from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.admin_history import HistoryAdmin

from . import services
from .models import AnnualRating, Membership, Person


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]


class RatingInline(admin.TabularInline):
    model = AnnualRating
    extra = 0
    fields = ["year", "rating", "unit"]
    autocomplete_fields = ["unit"]


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = ["full_name", "date_of_birth", "sex", "id_number", "merged_into"]
    search_fields = ["name_key", "full_name", "id_number"]
    list_filter = ["sex"]
    readonly_fields = ["merged_into"]
    inlines = [MembershipInline, RatingInline]
    actions = ["merge_selected"]

    @admin.action(description=_("Gộp hai người trùng (giữ người nhập trước)"))
    def merge_selected(self, request, queryset):
        chosen = list(queryset.order_by("pk"))
        if len(chosen) != 2:
            self.message_user(request, _("Chọn đúng hai người để gộp."), messages.ERROR)
            return
        keep, drop = chosen
        try:
            left = services.merge_people(keep, drop, by=request.user)
        except services.PersonError as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(
            request,
            _("Đã gộp “%(drop)s” vào “%(keep)s”; %(left)s xếp loại trùng năm cần xem lại.")
            % {"drop": drop, "keep": keep, "left": left},
        )


@admin.register(AnnualRating)
class AnnualRatingAdmin(HistoryAdmin):
    list_display = ["person", "year", "rating", "unit"]
    list_filter = ["year", "rating"]
    search_fields = ["person__name_key"]
    autocomplete_fields = ["person", "unit"]

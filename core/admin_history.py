"""The admin's history pages, for every model kept with django-simple-history."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """simple-history's admin, answering 404 to an id that is not one.

    Its history view looks the id up as given, so a mistyped address such as
    /admin/units/unit/1/change/history/ (the id read as "1/change") was a 500 where Django's
    own pages answer 404."""

    def _existing_id_or_404(self, object_id):
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except (ValidationError, ValueError) as error:
            raise Http404 from error

    def history_view(self, request, object_id, extra_context=None):
        self._existing_id_or_404(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._existing_id_or_404(object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

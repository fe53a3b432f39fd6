"""What every page of the plan does the same way."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError

from ..forms import AsOfForm
from ..status import today

PAGE_SIZE = 50


AS_OF_KEY = "ngay"  # the session's copy of the date the user chose


def as_of_date(request):
    """The date a page is drawn for: ?ngay=dd/mm/yyyy, which the session keeps so the date
    follows the user from page to page (menu links carry no date); an empty ?ngay= goes
    back to today. Without either, the session's date, else today."""
    if AS_OF_KEY not in request.GET:
        kept = request.session.get(AS_OF_KEY)
        return datetime.date.fromisoformat(kept) if kept else today()
    form = AsOfForm(request.GET)
    chosen = form.cleaned_data["ngay"] if form.is_valid() else None
    if chosen and chosen != today():
        if request.session.get(AS_OF_KEY) != chosen.isoformat():
            request.session[AS_OF_KEY] = chosen.isoformat()
        return chosen
    request.session.pop(AS_OF_KEY, None)
    return today()


def require(allowed):
    if not allowed:
        raise PermissionDenied


def error_text(error):
    """A refusal (ScheduleError or ValidationError) as one line for a message."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def add_refusal(form, error):
    """Put a service's refusal on the form: at its field when it names one the form has."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
        return
    field = getattr(error, "field", None)
    form.add_error(field if field in form.fields else None, error_text(error))

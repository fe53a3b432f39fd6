"""What every page of the plan does the same way."""

from django.core.exceptions import PermissionDenied, ValidationError

from ..forms import AsOfForm
from ..status import today

PAGE_SIZE = 50


def as_of_date(request):
    """The date a page is drawn for: ?ngay=dd/mm/yyyy, else today."""
    form = AsOfForm(request.GET)
    if form.is_valid() and form.cleaned_data["ngay"]:
        return form.cleaned_data["ngay"]
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

"""What the emulation pages share: the rule check, the page's date, error messages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError

from plan.forms import AsOfForm
from plan.status import today


def require(allowed):
    if not allowed:
        raise PermissionDenied


def as_of_date(request):
    form = AsOfForm(request.GET)
    if form.is_valid() and form.cleaned_data["ngay"]:
        return form.cleaned_data["ngay"]
    return today()


def problems(error):
    return error.messages if isinstance(error, ValidationError) else [str(error)]


def form_problems(request, form):
    for errors in form.errors.values():
        for problem in errors:
            messages.error(request, problem)

"""The widgets that read offices' cells: each reads what offices write and says what is wrong
in Vietnamese."""

import datetime

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import override
from import_export import widgets
from openpyxl.utils.datetime import from_excel

from ..names import name_key, normalise_text
from ..schoolyears import parse_school_year
from ..spreadsheets import clean_text


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(str(value))


class TextWidget(widgets.CharWidget):
    """Text, NFC and trimmed; `required` refuses an empty cell. One-line values (names, codes)
    have their inner runs of spaces collapsed too; `multiline` text keeps its lines as written."""

    def __init__(self, required=False, multiline=False):
        self.required = required
        self.multiline = multiline
        super().__init__(allow_blank=True)

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            if self.required:
                raise ValueError(_("Ô này không được để trống."))
            return ""
        text = as_text(value)
        return text if self.multiline else normalise_text(text)


class NumberWidget(widgets.Widget):
    """A positive whole number, written as a number or as text."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            raise ValueError(_("Ô này không được để trống."))
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        text = as_text(value)
        if text.isdigit() and int(text) > 0:
            return int(text)
        raise ValueError(_("“%(value)s” không phải là số nguyên dương.") % {"value": text})

    def render(self, value, obj=None, **kwargs):
        return value


class ChoiceWidget(widgets.Widget):
    """One of a TextChoices, by its Vietnamese label or its stored value."""

    def __init__(self, choices):
        self.choices = choices
        self._keys = None  # {name key of a value or of a label in any language: choice}
        super().__init__()

    def lookup(self, text):
        if self._keys is None:
            # Built once with the labels of every language of the site, so a file in either
            # is read and no row pays for finding the active language.
            keys = {}
            for language, _name in reversed(settings.LANGUAGES):
                with override(language):
                    keys.update({name_key(str(c.label)): c for c in reversed(self.choices)})
            keys.update({name_key(c.value): c for c in reversed(self.choices)})
            self._keys = keys
        choice = self._keys.get(name_key(text))
        if choice is not None:
            return choice
        labels = ", ".join(f"“{choice.label}”" for choice in self.choices)
        raise ValueError(
            _("“%(value)s” không có trong danh sách: %(labels)s.")
            % {"value": text, "labels": labels}
        )

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return ""
        return self.lookup(as_text(value)).value

    def render(self, value, obj=None, **kwargs):
        return str(self.choices(value).label) if value else ""


class YesNoWidget(widgets.Widget):
    """Có / Không (also x, 1, 0, yes, no); an empty cell means yes."""

    YES = {"có", "co", "c", "x", "1", "true", "yes", "y"}
    NO = {"không", "khong", "k", "0", "false", "no", "n"}

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return True
        if isinstance(value, bool):
            return value
        text = name_key(as_text(value))
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(_("“%(value)s” phải là “Có” hoặc “Không”.") % {"value": as_text(value)})

    def render(self, value, obj=None, **kwargs):
        return _("Có") if value else _("Không")


class DateWidget(widgets.Widget):
    """A date as Excel stores it, or typed as dd/mm/yyyy (also yyyy-mm-dd)."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value <= 2958465:
            # An Excel serial number whose cell lost its date format.
            return from_excel(value).date()
        text = as_text(value)
        for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValueError(
            _("“%(value)s” không phải là ngày (cần dạng ngày/tháng/năm, ví dụ 31/03/2013).")
            % {"value": text}
        )

    def render(self, value, obj=None, **kwargs):
        return value


class SchoolYearWidget(widgets.Widget):
    """A school year written "2012-2013" (or its first year, 2012); an empty cell: the row
    runs by calendar year. Stored as the first year (core.schoolyears)."""

    def clean(self, value, row=None, **kwargs):
        if is_blank(value):
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        try:
            return parse_school_year(as_text(value))
        except ValueError as error:
            raise ValueError(
                _("Năm học “%(value)s” không hợp lệ (ví dụ 2012-2013).") % {"value": as_text(value)}
            ) from error

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else f"{value}-{value + 1}"

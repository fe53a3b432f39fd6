"""The forms of the initiatives' pages: recording one, and editing its recognition and authors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from people.forms import PersonMultipleChoiceField
from people.models import Person
from people.selectors import searchable_people
from units.forms import style_fields

from . import rules
from .models import Initiative


def _authors_field():
    return PersonMultipleChoiceField(
        label=_("Tác giả (chọn trong sổ người)"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Gõ họ tên, chọn từng tác giả trong danh sách gợi ý."),
    )


class _AuthorsMixin:
    """Authors picked from the register the user may pick from, or typed when not in it."""

    def _set_up_authors(self, user):
        self.fields["author_people"].queryset = searchable_people(user)
        self.fields["authors"].required = False
        self.fields["authors"].label = _("Tác giả (gõ tên, nếu chưa có trong sổ)")

    def clean(self):
        data = super().clean()
        if not data.get("author_people") and not (data.get("authors") or "").strip():
            self.add_error("author_people", _("Chọn ít nhất một tác giả, hoặc gõ tên tác giả."))
        return data


class InitiativeForm(_AuthorsMixin, forms.ModelForm):
    author_people = _authors_field()

    class Meta:
        model = Initiative
        fields = ["title", "author_people", "authors", "year"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_up_authors(user)
        style_fields(self)


class InitiativeEditForm(_AuthorsMixin, forms.ModelForm):
    """What the office (any unit's) or the unit's officer sets: year, scope of recognition, who
    recognised it, authors. An officer may record only the unit's own level of recognition."""

    author_people = _authors_field()

    class Meta:
        model = Initiative
        fields = ["title", "author_people", "authors", "year", "scope", "recognised_by"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_up_authors(user)
        # Its authors stay pickable even where the office picked someone of another unit.
        field = self.fields["author_people"]
        field.queryset = field.queryset | Person.objects.filter(initiatives=self.instance)
        self.initial["author_people"] = []
        # In the order the authors' text names them (the order they were picked in).
        named = self.instance.authors
        self.fields["author_people"].widget.chosen = sorted(
            self.instance.author_people.all(),
            key=lambda person: (named.find(person.full_name) < 0, named.find(person.full_name)),
        )
        allowed = rules.initiative_scopes(user, self.instance)
        self.fields["scope"].choices = [(s.value, s.label) for s in allowed]
        self.fields["recognised_by"].help_text = _(
            "Ví dụ: Hội đồng Khoa học sáng kiến tỉnh; Giám đốc Sở Giáo dục và Đào tạo."
        )
        style_fields(self)

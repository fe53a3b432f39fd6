"""Award dossiers that come from the year's emulation work: a movement's results (the
thematic dossiers that name it) and the leading unit's proposal of its grouping's best."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation import rules as emulation_rules
from emulation.models import Movement
from emulation.selectors import grouping_standing
from plan.status import today
from units.forms import style_fields
from units.models import Cluster
from units.rules import can_view_plan

from . import selectors, services
from .enums import NomineeKind
from .models import AwardType, Category, Dossier

# What a grouping's leading unit proposes its best for (task 7): the province's flag and
# the chairman's certificate of merit.
PROPOSED_AWARDS = ("co-thi-dua-tinh", "bang-khen-tinh")
REGULAR = "thuong-xuyen"


def movement_results(request, pk):
    """A movement's results: the dossiers that name it, those the user may see."""
    if not can_view_plan(request.user):
        raise PermissionDenied
    movement = get_object_or_404(Movement.objects.select_related("task"), pk=pk)
    found = selectors.visible_dossiers(request.user).filter(movement=movement)
    page = Paginator(found.order_by("award_type__position", "reference"), 50).get_page(
        request.GET.get("trang")
    )
    return render(request, "awards/movement.html", {"movement": movement, "page": page})


class ProposalForm(forms.Form):
    unit_id = forms.TypedChoiceField(label=gettext_lazy("Đơn vị"), coerce=int)
    award_type = forms.ModelChoiceField(
        label=gettext_lazy("Khen thưởng đề nghị"),
        queryset=AwardType.objects.filter(code__in=PROPOSED_AWARDS).order_by("position"),
    )

    def __init__(self, *args, ranked, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_id"].choices = [
            (m.unit.pk, f"{m.rank}. {m.unit.name} ({m.checked_score})") for m in ranked
        ]
        style_fields(self)


def propose_from_grouping(request, pk):
    """The leading unit proposes a ranked member of its grouping for the Cờ thi đua or the
    Bằng khen: a draft dossier of the leading unit for that collective, to complete and send
    as any other."""
    cluster = get_object_or_404(Cluster.objects.select_related("leader"), pk=pk)
    if not emulation_rules.can_see_grouping(request.user, cluster):
        raise Http404
    if not emulation_rules.leads(request.user, cluster):
        raise PermissionDenied
    ranked = [m for m in grouping_standing(cluster, today()).members if m.rank is not None]
    form = ProposalForm(request.POST or None, ranked=ranked)
    if request.method == "POST" and form.is_valid():
        member = next(m for m in ranked if m.unit.pk == form.cleaned_data["unit_id"])
        dossier = Dossier(
            unit=cluster.leader,
            year=cluster.year,
            award_type=form.cleaned_data["award_type"],
            category=Category.objects.get(code=REGULAR),
            nominee_kind=NomineeKind.COLLECTIVE,
            collective_name=member.unit.name,
            achievements=_(
                "Xếp thứ %(rank)s trong %(cluster)s năm %(year)s, điểm thẩm định %(score)s."
            )
            % {
                "rank": member.rank,
                "cluster": cluster.name,
                "year": cluster.year,
                "score": member.checked_score,
            },
        )
        try:
            services.save_dossier(dossier, request.user)
        except services.DossierRuleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã lập hồ sơ %(ref)s.") % {"ref": dossier.reference})
            return redirect("awards:edit", dossier.pk)
    context = {"cluster": cluster, "form": form, "ranked": ranked}
    return render(request, "awards/propose_from_grouping.html", context)

"""What units send the awards office, for the office's list of arrivals (core.arrivals):
each submission of a dossier (a first one or after a return)."""

from django.db.models import CharField, F, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy

from core import arrivals

from .enums import DossierState
from .models import DossierTransition


def dossiers_since(since):
    return (
        DossierTransition.objects.filter(to_state=DossierState.SUBMITTED, at__gte=since)
        .annotate(
            kind=Value("dossier"),
            arrived=F("at"),
            unit_name=F("dossier__unit__name"),
            title=Concat(
                "dossier__reference",
                Value(" – "),
                "dossier__award_type__name",
                output_field=CharField(),
            ),
            target=F("dossier_id"),
        )
        .order_by()  # a union takes no ordering of its parts
        .values_list(*arrivals.COLUMNS)
    )


def register():
    arrivals.register(
        "dossier", gettext_lazy("Hồ sơ khen thưởng"), dossiers_since, "awards:dossier"
    )

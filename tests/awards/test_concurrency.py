"""Two people move the same dossier at the same moment: one wins, the other is told."""

import threading

import pytest
from django.db import connection, connections

from awards import demo, services
from awards.catalogue import load_catalogue
from awards.enums import DossierState
from awards.models import Dossier
from tests.conftest import load_demo_data
from units.models import User

S = DossierState


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_moves_exactly_one_wins(demo_data_restored_afterwards, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # An earlier transactional test may have emptied the database: load what it needs.
    load_demo_data()
    load_catalogue()
    officer, staff, council = (
        User.objects.get(username=name) for name in ("officer", "staff", "council")
    )
    dossier = demo.new_dossier(officer, "bang-khen-tinh", name="Chu Văn Đồng")
    demo.advance(dossier, S.SUBMITTED, officer=officer, staff=staff, council=council)

    # Both read the dossier as submitted before either moves it.
    copies = [Dossier.objects.get(pk=dossier.pk), Dossier.objects.get(pk=dossier.pk)]
    moves = [(staff, S.IN_APPRAISAL), (officer, S.WITHDRAWN)]
    start = threading.Barrier(2)
    outcomes = [None, None]

    def run(index):
        try:
            by, to_state = moves[index]
            start.wait()
            services.move_dossier(copies[index], to_state, by, "đồng thời")
            outcomes[index] = "moved"
        except services.DossierRuleError as error:
            outcomes[index] = str(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("moved") == 1, outcomes
    loser = next(o for o in outcomes if o != "moved")
    assert "vừa được người khác chuyển" in loser
    stored = Dossier.objects.get(pk=dossier.pk)
    winner = moves[outcomes.index("moved")][1]
    assert stored.state == winner
    assert list(stored.transitions.values_list("to_state", flat=True)) == [
        S.DRAFT,
        S.SUBMITTED,
        winner,
    ]

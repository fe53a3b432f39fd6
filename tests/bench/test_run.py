"""bench/run.py's arithmetic and its interleaving, with stand-in workers (no database)."""

from bench.run import comparison, measure_against_admin, measure_probe, scale_sizes


def test_one_years_or_dossiers_figure_applies_to_every_scale_size():
    assert scale_sizes([1000, 2000], [10], [50000, 100000]) == [
        {"units": 1000, "years": 10, "dossiers": 50000},
        {"units": 2000, "years": 10, "dossiers": 100000},
    ]


class FakeWorker:
    """Answers with the next of its times, and logs each timed request in a shared list."""

    def __init__(self, name, times, log):
        self.name, self.times, self.log = name, list(times), log

    def ask(self, op, name):
        if op == "queries":
            return {"queries": 7}
        self.log.append(self.name)
        seconds = self.times.pop(0)
        return {"seconds": seconds, "cpu": seconds / 2}


def test_sizes_are_asked_in_turn_and_a_burst_of_load_moves_no_ratio():
    log = []
    # Two warm-up requests each, then five rounds; round 3 is slowed tenfold for both alike.
    demo = FakeWorker("demo", [9, 9, 0.1, 0.1, 1.0, 0.1, 0.1], log)
    scale = FakeWorker("scale", [9, 9, 0.12, 0.12, 1.2, 0.12, 0.12], log)
    found = measure_probe([demo, scale], "page", repeat=5)
    rounds = [["demo", "scale"], ["scale", "demo"]] * 2 + [["demo", "scale"]]
    assert log[:4] == ["demo", "scale"] * 2  # the warm-up, not timed
    assert log[4:] == [name for pair in rounds for name in pair]
    assert round(found["scale"]["seconds ratio"], 6) == round(found["scale"]["cpu ratio"], 6) == 1.2
    assert found["scale"]["queries"] == found["demo"]["queries"] == 7


def test_two_runs_are_compared_ratio_by_ratio():
    saved = {"cpu: dashboard @ 1000": 1.0, "wall: dashboard @ 1000": 1.0}
    ratios = {"cpu: dashboard @ 1000": 1.05, "wall: dashboard @ 1000": 1.3, "cpu: x @ 1000": 2}
    lines = comparison(ratios, saved)
    assert "| cpu: dashboard @ 1000 | 1.05 | 1.00 | 5% |" in lines
    assert lines[-2:] == [
        "Largest difference between the two runs, cpu ratios: 5% (goal ≤ 10 %).",
        "Largest difference between the two runs, wall ratios: 30% (goal ≤ 10 %).",
    ]


class FakeServer:
    """One database: a staff page twice as fast as its admin changelist, both slowed alike
    on the third round."""

    name = "demo"

    def __init__(self):
        self.asked = []

    def ask(self, op, name):
        self.asked.append(name)
        slow = 10 if len(self.asked) in (9, 10) else 1
        seconds = (0.05 if name.startswith("admin: ") else 0.025) * slow
        return {"seconds": seconds, "cpu": seconds}


def test_a_page_and_its_admin_changelist_are_asked_in_turn():
    server = FakeServer()
    found = measure_against_admin(server, "parts list", repeat=5)
    rounds = server.asked[4:]  # after two warm-up requests of each
    assert rounds[:4] == ["parts list", "admin: parts list", "admin: parts list", "parts list"]
    assert found["cpu ratio"] == found["seconds ratio"] == 0.5


def test_a_query_count_that_grows_with_the_size_fails_and_one_that_falls_does_not():
    from bench.run import query_verdict

    assert query_verdict([7, 7, 7]) == "ok"
    assert query_verdict([7, 8, 8]) == "GROWS"
    assert query_verdict([7, 7, 8]) == "GROWS"
    assert query_verdict([8, 7, 7]) == "fewer"

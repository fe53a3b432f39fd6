"""bench/run.py's printed comparisons: two runs' ratios side by side, and the decision
document's memory line."""

# Two runs of the same commit should give every ratio within this fraction of the other.
AGREEMENT = 0.10


def row(cells):
    return "| " + " | ".join(map(str, cells)) + " |"


# The council's decision document at these numbers of awardees (bench/document_memory.py).
DECISION_AWARDEES = (100, 1000, 5000, 20000)


def decision_memory_line(rows):
    """One sentence: the decision document's peak memory at each number of awardees."""
    figures = "; ".join(
        f"{row['awardees']:,} awardees: tracemalloc peak {row['tracemalloc'] / 2**20:.1f} MiB, "
        f"resident size grown by {row['rss_growth'] / 2**20:.1f} MiB "
        f"({row['bytes'] / 1024:.0f} KiB file)"
        for row in rows
    )
    return f"Decision document (council.documents, one fresh process each): {figures}."


def comparison(ratios, saved):
    """How far this run's ratios are from a saved run's, one line each, then the largest
    difference for each clock."""
    lines = [row(["ratio", "this run", "saved run", "difference"]), row(["---", *["---:"] * 3])]
    worst = {}
    for name, ratio in ratios.items():
        if name not in saved:
            continue
        difference = abs(ratio - saved[name]) / saved[name]
        clock = name.split(":")[0]
        worst[clock] = max(worst.get(clock, 0.0), difference)
        lines.append(row([name, f"{ratio:.2f}", f"{saved[name]:.2f}", f"{difference:.0%}"]))
    lines.append("")
    for clock in worst:
        shared = [name for name in ratios if name in saved and name.startswith(f"{clock}:")]
        close = [n for n in shared if abs(ratios[n] - saved[n]) / saved[n] <= AGREEMENT]
        lines.append(f"{clock} ratios within 10 % of each other: {len(close)} of {len(shared)}.")
    lines += [
        f"Largest difference between the two runs, {clock} ratios: {value:.0%} (goal ≤ 10 %)."
        for clock, value in worst.items()
    ]
    return lines

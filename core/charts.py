"""Bar charts drawn on the server as inline SVG (templates/core/_bar_chart.svg.html).

No script and no outside host: the page carries the drawing itself, so it prints, works
offline and shows the same in every browser. This module only computes the geometry; the
template writes the elements, with a <title> and <desc> for screen readers.
"""

from dataclasses import dataclass

WIDTH = 720
LABEL_WIDTH = 240  # room for a group's label at the left
VALUE_ROOM = 70  # room right of the longest bar for its value
BAR_HEIGHT = 16
BAR_GAP = 3
GROUP_GAP = 14
TOP = 8
LABEL_CHARS = 38
# Colour-blind safe (Okabe-Ito), dark enough for white backgrounds.
COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000")


@dataclass(frozen=True)
class Bar:
    series: str
    value: float | None
    text: str  # the value as shown ("87,5 %", "12", "—")
    x: int
    y: int
    width: int
    colour: str
    text_x: int
    text_y: int


@dataclass(frozen=True)
class Group:
    label: str
    short_label: str
    label_y: int
    bars: list


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    width: int
    height: int
    label_width: int
    groups: list
    legend: list  # [(series, colour)]


def shorten(text, limit=LABEL_CHARS):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def horizontal_bars(*, title, description, groups, series, maximum=None, show=str, name_bars=False):
    """A grouped horizontal bar chart.

    `groups` is [(label, [value of each series])], `series` the series' names (one colour
    each); a None value draws no bar and shows "—". Bars are scaled to `maximum` (e.g. 100
    for percentages), else to the largest value. `show` turns a value into its text;
    `name_bars` puts the series' name before it ("2013: 12"), so a bar is read without
    matching its colour to the legend.
    """
    values = [v for _label, row in groups for v in row if v is not None]
    top = maximum or max(values, default=0) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    colours = {name: COLOURS[i % len(COLOURS)] for i, name in enumerate(series)}
    drawn, y = [], TOP
    for label, row in groups:
        bars = []
        start = y
        for name, value in zip(series, row, strict=True):
            text = "—" if value is None else show(value)
            if name_bars:
                text = f"{name}: {text}"
            width = max(1, round(room * value / top)) if value else 0
            bars.append(
                Bar(
                    series=name,
                    value=value,
                    text=text,
                    x=LABEL_WIDTH,
                    y=y,
                    width=width,
                    colour=colours[name],
                    text_x=LABEL_WIDTH + width + 4,
                    text_y=y + BAR_HEIGHT - 4,
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        middle = (start + y - BAR_GAP) // 2 + 4
        drawn.append(Group(label=label, short_label=shorten(label), label_y=middle, bars=bars))
        y += GROUP_GAP
    return Chart(
        title=title,
        description=description,
        width=WIDTH,
        height=y - GROUP_GAP + TOP,
        label_width=LABEL_WIDTH,
        groups=drawn,
        legend=list(colours.items()),
    )

"""Timeline text that fits: labels placed where they fit, shortened only after a whole word,
and the "vandaag" pill whole inside the plot.

The placement is plain Python (:mod:`verzuimdesk.gui.timeline.layout`), tested with a
stand-in measure; one test paints a real canvas and reads every text it draws.
"""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import Any

import pytest

from verzuimdesk.gui.timeline.layout import (
    ELLIPSIS,
    GUTTER,
    R,
    TimelineLayout,
    fit_words,
)
from verzuimdesk.gui.timeline.model import (
    Band,
    EventKind,
    TimelineData,
    TimelineDeadline,
    TimelineEvent,
    build_weeks,
)

D = dt.date
FIRST = D(2024, 9, 2)
LONG = [
    "DUO-melding 16 uur ongeoorloofd verzuim (1e melding)",
    "3. In gesprek met leerling en ouders",
    "Zorgwekkend ziekteverzuim gesignaleerd door de mentor",
    "Thuiszitter B2a (4 weken of langer)",
    "Overleg met school, ouders en jeugdarts",
]


def measure(text: str) -> float:
    return 6.0 * len(text)


def _data(today: dt.date, events: int = 10) -> TimelineData:
    return TimelineData(
        first_absence=FIRST,
        today=today,
        weeks=build_weeks(FIRST, D(2025, 1, 31), {D(2024, 10, 21): "Herfstvakantie"}),
        bands=[
            Band("Verzuim (week 1–4)", 1, 4, "#fde7c4"),
            Band("Thuiszittersproces (week 5–12)", 5, 12, "#fbd3bf"),
        ],
        events=[
            TimelineEvent(f"e{n}", FIRST + dt.timedelta(days=3 * n), EventKind.TALK, LONG[n % 5])
            for n in range(events)
        ],
        deadlines=[
            TimelineDeadline(f"d{n}", FIRST + dt.timedelta(days=4 * n + 1), LONG[(n + 2) % 5])
            for n in range(6)
        ],
    )


def _whole_words(shown: str, title: str) -> bool:
    """``shown`` is ``title``, or the start of it up to a word's end followed by "…"."""
    if shown == " ".join(title.split()):
        return True
    if not shown.endswith(ELLIPSIS):
        return False
    words = title.split()
    head = shown[: -len(ELLIPSIS)].split()
    return (
        0 < len(head) < len(words)
        and words[: len(head) - 1] == head[:-1]
        and (
            words[len(head) - 1].startswith(head[-1])
            and words[len(head) - 1].rstrip(",;:–-—(") == head[-1]
        )
    )


def test_fit_words_never_cuts_inside_a_word() -> None:
    title = "DUO-melding 16 uur ongeoorloofd verzuim"
    assert fit_words(title, 1000, measure) == title
    assert fit_words(title, measure("DUO-melding 16 uur ong…"), measure) == "DUO-melding 16 uur…"
    assert fit_words("Herfstvakantie", 40, measure) == ""
    assert fit_words("3. In gesprek", measure("3. In…"), measure) == "3. In…"
    assert fit_words("3. In gesprek", measure("3. I…"), measure) == ""  # not "3.…" nor "3. I…"


@pytest.mark.parametrize(("width", "height"), [(1400, 600), (900, 600), (900, 170), (700, 150)])
def test_labels_are_whole_words_and_never_run_into_the_next_marker(width: int, height: int) -> None:
    layout = TimelineLayout(measure)
    layout.resize(width, height)
    layout.set_data(_data(D(2024, 11, 20)))
    layout.initial_view()
    if height >= 170:
        assert any(i.show_label for i in layout.lanes.items), "no label at all"
    for item in layout.lanes.items:
        if not item.show_label:
            assert item.shown == ""
            continue
        assert _whole_words(item.shown, item.title), (item.title, item.shown)
        assert item.shown_w == measure(item.shown)
        # nothing else in its row starts before the label ends
        label_end = item.x + R + 5 + item.shown_w
        for other in layout.lanes.items:
            if other is item or other.lane != item.lane or other.row != item.row:
                continue
            if other.x > item.x:
                assert other.x - R > label_end, (item.title, other.title)


def test_a_label_that_fits_nowhere_is_left_to_the_tooltip() -> None:
    data = _data(D(2024, 11, 20), events=0)
    data.events.extend(
        TimelineEvent(f"x{n}", FIRST + dt.timedelta(days=n), EventKind.TALK, "Onuitspreekbaarlang")
        for n in range(5)
    )
    layout = TimelineLayout(measure)
    layout.resize(700, 140)  # too low for rows of labels: markers packed tightly
    layout.set_data(data)
    crowded = [i for i in layout.lanes.items if i.item_id.startswith("x")]
    assert not layout.lanes.labels
    assert all(i.shown in ("", "Onuitspreekbaarlang") for i in crowded)
    assert any(i.shown == "" for i in crowded)
    assert all("Onuitspreekbaarlang" in i.tooltip for i in crowded)


@pytest.mark.parametrize("today", [FIRST, D(2025, 1, 31)])
def test_the_today_pill_stays_inside_the_plot(today: dt.date) -> None:
    layout = TimelineLayout(measure)
    layout.resize(900, 300)
    layout.set_data(_data(today, events=2))
    for scroll in (0.0, layout.max_scroll()):
        layout.set_scroll(scroll)
        pill = layout.today_pill(measure("vandaag"))
        assert pill is not None
        assert pill.x >= GUTTER and pill.right <= layout.width, (today, scroll, pill)


def test_painted_texts_are_whole_words_and_the_pill_is_whole(qtbot: Any) -> None:
    """Paint a new case (today = its first day) and read every text the canvas draws."""
    from PySide6.QtGui import QImage, QPainter

    from verzuimdesk.gui.timeline import TimelineWidget
    from verzuimdesk.gui.timeline.painting import TimelinePainter

    class Recorder(QPainter):
        def __init__(self, image: QImage) -> None:
            super().__init__(image)
            self.texts: list[tuple[float, str]] = []

        def drawText(self, *args: Any) -> None:  # type: ignore[override]
            rect, _flags, text = args
            self.texts.append((rect.x(), text))
            super().drawText(*args)

    data = _data(FIRST, events=8)  # a new case: today is the first day of absence
    widget = TimelineWidget(data)
    qtbot.addWidget(widget)
    widget.resize(760, 260)
    widget.show()
    qtbot.waitExposed(widget)
    canvas = widget.canvas
    for scroll in (0.0, canvas.max_scroll() / 2):
        canvas.set_scroll(scroll)
        image = QImage(canvas.size(), QImage.Format.Format_ARGB32)
        painter = Recorder(image)
        lay = canvas.timeline_layout
        TimelinePainter(lay, canvas._small, canvas._small_bold, None, None).paint(painter, False)
        painter.end()
        sources = [e.title for e in data.events] + [d.title for d in data.deadlines]
        sources += [b.name for b in data.bands] + [f"{b.name}  ·  wk 1–4" for b in data.bands]
        for x, text in painter.texts:
            if text.endswith(ELLIPSIS):
                assert any(_whole_words(text, s) for s in sources), f"cut inside a word: {text}"
            assert text not in ("Herfs…", "ndaag")
            if text == "vandaag":
                assert x >= GUTTER, f"the today pill is cut at the left edge (x={x})"
        assert ("vandaag" in [t for _x, t in painter.texts]) or scroll > 0

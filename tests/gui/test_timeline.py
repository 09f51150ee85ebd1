"""The case timeline, driven as a user would: hover, click, keys, zoom and scroll."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip

from verzuimdesk.gui.timeline import (
    Band,
    EventKind,
    TimelineData,
    TimelineDeadline,
    TimelineEvent,
    TimelineWidget,
    build_weeks,
)

D = dt.date
TODAY = D(2025, 2, 19)
VACATIONS = {D(2024, 12, 23): "Kerstvakantie", D(2024, 12, 30): "Kerstvakantie"}


def sample() -> TimelineData:
    return TimelineData(
        first_absence=D(2024, 11, 4),
        today=TODAY,
        weeks=build_weeks(D(2024, 11, 4), D(2025, 3, 7), VACATIONS),
        bands=[
            Band("Verzuim", 1, 4, "#fde7c4"),
            Band("Thuiszittersproces", 5, 12, "#fbd5c0"),
            Band("Doorbraakproces", 13, None, "#f5c6d0"),
        ],
        events=[
            TimelineEvent("e1", D(2024, 11, 12), EventKind.TALK, "Gesprek met ouders"),
            TimelineEvent("e2", D(2024, 11, 25), "duo_report", "DUO-melding 16 uur"),
            TimelineEvent("e3", D(2024, 12, 3), "stage_change", "Naar stap 5: JES"),
            TimelineEvent("e4", D(2025, 1, 21), "decision", "Advies JGZ", "2 uur per dag"),
            TimelineEvent("e5", D(2025, 2, 12), "contact", "Telefoongesprek COPA"),
        ],
        deadlines=[
            TimelineDeadline(
                "d-done", D(2024, 11, 29), "DUO-melding 16 uur", done=True, done_on=D(2024, 11, 25)
            ),
            TimelineDeadline("d-late", D(2025, 2, 14), "Aanmelden Expertisetafel"),
            TimelineDeadline("d-open", D(2025, 3, 7), "Evaluatie plan van aanpak"),
        ],
    )


@pytest.fixture
def timeline(qtbot) -> TimelineWidget:
    widget = TimelineWidget(sample())
    qtbot.addWidget(widget)
    widget.resize(1000, 320)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _centre(widget: TimelineWidget, item_id: str) -> QPoint:
    return widget.marker(item_id).rect.center().toPoint()


def _share(widget: TimelineWidget, item_id: str, colour: str) -> float:
    """Share of the marker's pixels (in the grabbed image) close to ``colour``."""
    image = widget.canvas.grab().toImage()
    ratio = widget.canvas.devicePixelRatioF()
    rect = widget.marker(item_id).rect
    want = QColor(colour)
    hits = total = 0
    for x in range(int(rect.left()) + 2, int(rect.right()) - 1):
        for y in range(int(rect.top()) + 2, int(rect.bottom()) - 1):
            pixel = image.pixelColor(int(x * ratio), int(y * ratio))
            total += 1
            if (
                abs(pixel.red() - want.red()) < 40
                and abs(pixel.green() - want.green()) < 40
                and abs(pixel.blue() - want.blue()) < 40
            ):
                hits += 1
    return hits / max(total, 1)


def test_first_view_shows_the_whole_case_with_every_marker(timeline: TimelineWidget) -> None:
    canvas = timeline.canvas.rect()
    markers = timeline.markers()
    assert {m.item_id for m in markers} == {
        "e1",
        "e2",
        "e3",
        "e4",
        "e5",
        "d-done",
        "d-late",
        "d-open",
    }
    assert all(canvas.contains(m.rect.center().toPoint()) for m in markers)


def test_click_on_a_marker_emits_its_id(qtbot, timeline: TimelineWidget) -> None:
    with qtbot.waitSignal(timeline.itemActivated, timeout=1000) as blocker:
        qtbot.mouseClick(timeline.canvas, Qt.MouseButton.LeftButton, pos=_centre(timeline, "e3"))
    assert blocker.args == ["e3"]
    assert timeline.selected_item() == "e3"


def test_overdue_deadline_is_red_done_is_grey(timeline: TimelineWidget) -> None:
    states = {m.item_id: m.state for m in timeline.markers() if m.kind == "deadline"}
    assert states == {"d-done": "done", "d-late": "overdue", "d-open": "open"}
    assert _share(timeline, "d-late", "#dc2626") > 0.5
    assert _share(timeline, "d-done", "#9ca3af") > 0.5
    assert _share(timeline, "d-open", "#dc2626") == 0


def test_event_kinds_have_their_own_colour(timeline: TimelineWidget) -> None:
    colours = {m.item_id: m.colour for m in timeline.markers() if m.kind == "event"}
    assert len(set(colours.values())) == 4  # talk, DUO report, stage change, decision
    assert colours["e5"] == colours["e1"]  # "contact" is drawn as a talk
    assert _share(timeline, "e1", colours["e1"]) > 0.4


def test_tooltips_say_what_it_is_in_dutch(timeline: TimelineWidget) -> None:
    late = timeline.tooltip_at(_centre(timeline, "d-late"))
    assert "Termijn — verlopen" in late
    assert "Aanmelden Expertisetafel" in late
    assert "vr 14 feb 2025" in late
    assert "5 dagen te laat" in late
    decision = timeline.tooltip_at(_centre(timeline, "e4"))
    assert "Besluit" in decision and "di 21 jan 2025" in decision and "2 uur per dag" in decision
    done = timeline.tooltip_at(_centre(timeline, "d-done"))
    assert "afgerond" in done.lower() and "25 nov 2024" in done


def test_hover_shows_the_tooltip(qtbot, timeline: TimelineWidget) -> None:
    pos = _centre(timeline, "d-late")
    event = QHelpEvent(QEvent.Type.ToolTip, pos, timeline.canvas.mapToGlobal(pos))
    QApplication.sendEvent(timeline.canvas, event)
    qtbot.waitUntil(lambda: "Aanmelden Expertisetafel" in QToolTip.text(), timeout=1000)
    QToolTip.hideText()


def test_vacation_and_band_are_named(timeline: TimelineWidget) -> None:
    christmas = timeline.marker("e3").rect.center()  # 3 Dec; move 3 weeks on
    x = christmas.x() + 3 * timeline.zoom()
    assert "Kerstvakantie" in timeline.tooltip_at(QPointF(x, christmas.y()))
    assert "Thuiszittersproces" in timeline.tooltip_at(QPointF(x, 5))


def test_lesweken_skip_the_vacation() -> None:
    weeks = build_weeks(D(2024, 11, 4), D(2025, 1, 10), VACATIONS)
    by_monday = {w.monday: w for w in weeks}
    assert by_monday[D(2024, 12, 16)].index == 7
    assert by_monday[D(2024, 12, 23)].is_vacation
    assert by_monday[D(2025, 1, 6)].index == 8


def test_zoom_changes_the_width_of_a_week(qtbot, timeline: TimelineWidget) -> None:
    def week_width() -> float:  # measured between two markers 13 days apart
        a = timeline.marker("e1").rect.center().x()  # Tue 12 Nov
        b = timeline.marker("e2").rect.center().x()  # Mon 25 Nov: 13 days later
        return (b - a) * 7 / 13

    before = timeline.zoom()
    assert week_width() == pytest.approx(before, rel=0.01)
    timeline.canvas.setFocus()
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_Plus)
    assert timeline.zoom() == pytest.approx(before * 1.25)
    assert week_width() == pytest.approx(before * 1.25, rel=0.01)
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_Minus)
    assert timeline.zoom() == pytest.approx(before)
    timeline.set_zoom(120)
    assert week_width() == pytest.approx(120, rel=0.01)
    timeline.set_zoom(10_000)
    assert timeline.zoom() == 260


def test_ctrl_wheel_zooms_and_shift_wheel_scrolls(timeline: TimelineWidget) -> None:
    canvas = timeline.canvas
    before = timeline.zoom()
    pos = QPointF(500, 100)

    def wheel(dy: int, modifiers: Qt.KeyboardModifier) -> None:
        event = QWheelEvent(
            pos,
            canvas.mapToGlobal(pos),
            QPoint(),
            QPoint(0, dy),
            Qt.MouseButton.NoButton,
            modifiers,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(canvas, event)

    wheel(120, Qt.KeyboardModifier.ControlModifier)
    assert timeline.zoom() > before
    start = timeline.scroll_offset()
    wheel(-120, Qt.KeyboardModifier.ShiftModifier)
    assert timeline.scroll_offset() > start


def test_buttons_zoom_and_scroll_to_today(qtbot, timeline: TimelineWidget) -> None:
    before = timeline.zoom()
    qtbot.mouseClick(timeline._zoom_in, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(timeline._zoom_in, Qt.MouseButton.LeftButton)
    assert timeline.zoom() > before
    assert timeline._scrollbar.isVisible()
    timeline.canvas.setFocus()
    qtbot.keyClick(timeline.canvas, Qt.Key.Key_Home)
    assert timeline.scroll_offset() == 0
    qtbot.mouseClick(timeline._today, Qt.MouseButton.LeftButton)
    today_x = timeline.marker("e5").rect.center().x()  # a week before today
    assert 0 < today_x < timeline.canvas.width()


def test_select_item_from_outside_highlights_without_emitting(
    qtbot, timeline: TimelineWidget
) -> None:
    timeline.set_zoom(200)
    timeline.canvas.set_scroll(0)
    with qtbot.assertNotEmitted(timeline.itemActivated):
        assert timeline.select_item("d-open")
    assert timeline.selected_item() == "d-open"
    centre = timeline.marker("d-open").rect.center()
    assert 116 < centre.x() < timeline.canvas.width()  # scrolled into view
    assert not timeline.select_item("nope")
    assert timeline.selected_item() is None


def test_arrow_keys_walk_the_items(qtbot, timeline: TimelineWidget) -> None:
    timeline.canvas.setFocus()
    with qtbot.waitSignal(timeline.itemActivated, timeout=1000) as first:
        qtbot.keyClick(timeline.canvas, Qt.Key.Key_Right)
    assert first.args == ["e1"]
    with qtbot.waitSignal(timeline.itemActivated, timeout=1000) as second:
        qtbot.keyClick(timeline.canvas, Qt.Key.Key_Right)
    assert second.args == ["e2"]


def test_empty_widget_paints(qtbot) -> None:
    widget = TimelineWidget()
    qtbot.addWidget(widget)
    widget.resize(400, 200)
    assert not widget.grab().isNull()
    widget.set_data(TimelineData(first_absence=TODAY, today=TODAY))
    assert widget.markers() == []
    assert not widget.grab().isNull()

"""Defects found by using the desk as a regisseur would, each driven through the real widgets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt

from tests.support.gui import TODAY, modal
from tests.support.ladder_display import den_haag
from verzuimdesk.core.services import cases, pupils


def _case(desk: Any, first: str = "Sanne", last: str = "de Vries") -> int:
    schools = pupils.list_schools(desk)
    school_id = (
        schools[0].id
        if schools
        else pupils.create_school(
            desk, pupils.SchoolData("Het Testcollege", "VO", "midden", municipality="Teststad")
        )
    )
    pid = pupils.create_pupil(
        desk, pupils.PupilData(first, last, dt.date(2010, 5, 1), school_id=school_id)
    )
    return cases.open_case(desk, pid, opened_on=dt.date(2024, 10, 1))


def test_a_busy_timeline_keeps_its_lesweek_axis_in_view(qtbot: Any, window: Any, desk: Any) -> None:
    """Many events in a few weeks: the markers squeeze together, the axis stays visible.

    Before, the canvas demanded the height of every label row, was cut off by the
    case file's splitter, and the lesweek/Monday/month axis fell out of view.
    """
    case_id = _case(desk)
    for i in range(14):
        cases.add_event(
            desk,
            case_id,
            "contact",
            f"Telefoongesprek {i} met moeder over de schoolgang",
            on=TODAY - dt.timedelta(days=i % 5),
        )
    view = window.open_case(case_id)
    qtbot.waitUntil(lambda: view.file is not None and len(view.file.events) >= 14)
    timeline = view.timeline
    canvas = timeline.canvas
    qtbot.waitUntil(lambda: canvas.height() > 0)
    # The whole canvas lies inside the timeline widget (nothing cut off at the bottom) ...
    bottom_in_timeline = canvas.mapTo(timeline, canvas.rect().bottomLeft()).y()
    assert bottom_in_timeline < timeline.height()
    # ... and every marker is drawn above the axis.
    axis_top = canvas.timeline_layout.axis_top()
    assert all(m.rect.bottom() <= axis_top for m in timeline.markers())
    # Hovering the axis at an event's week names the lesweek.
    marker = next(m for m in timeline.markers() if m.kind == "event")
    tip = timeline.tooltip_at(QPoint(int(marker.rect.center().x()), int(axis_top) + 8))
    assert "Lesweek" in tip
    assert not canvas.timeline_layout.lanes.labels  # fourteen label rows do not fit: bare markers


def test_timeline_labels_give_way_when_its_pane_is_made_small(
    qtbot: Any, window: Any, desk: Any
) -> None:
    """Dragging the splitter up hides the labels but never the axis; down brings them back."""
    case_id = _case(desk)
    for i in range(5):
        cases.add_event(
            desk, case_id, "contact", f"Gesprek {i} met ouders", on=TODAY - dt.timedelta(days=4 * i)
        )
    view = window.open_case(case_id)
    timeline, canvas = view.timeline, view.timeline.canvas
    splitter = timeline.parentWidget()
    splitter.setSizes([canvas.sizeHint().height() + 60, 300])
    qtbot.waitUntil(lambda: canvas.timeline_layout.lanes.labels)
    splitter.setSizes([0, 900])  # as small as it goes
    qtbot.waitUntil(lambda: not canvas.timeline_layout.lanes.labels)
    assert canvas.mapTo(timeline, canvas.rect().bottomLeft()).y() < timeline.height()
    assert all(m.rect.bottom() <= canvas.timeline_layout.axis_top() for m in timeline.markers())
    splitter.setSizes([canvas.sizeHint().height() + 60, 300])
    qtbot.waitUntil(lambda: canvas.timeline_layout.lanes.labels)


def _y_span(widget: Any, top: Any) -> tuple[int, int]:
    start = widget.mapTo(top, widget.rect().topLeft()).y()
    return start, start + widget.height()


def test_move_dialog_messages_never_cover_the_fields(qtbot: Any, window: Any, desk: Any) -> None:
    """*Verplaatsen* with nothing filled in: each Dutch message sits under its own field.

    The reason's two-line message used to be painted over the reason box.
    """
    view = window.open_case(_case(desk))
    qtbot.mouseClick(view.move_button, Qt.MouseButton.LeftButton)
    dialog = view.ladder._dialog
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.reason_error.isVisible() and "reden" in dialog.reason_error.text()
    edit_bottom = _y_span(dialog.reason_edit, dialog)[1]
    error_top, error_bottom = _y_span(dialog.reason_error, dialog)
    assert error_top >= edit_bottom
    # The whole message is visible (its wrapped height fits) and above the date field.
    need = dialog.reason_error.heightForWidth(dialog.reason_error.width())
    assert error_bottom - error_top >= need
    assert _y_span(dialog.date_edit, dialog)[0] >= error_bottom
    if dialog.target_error.isVisible():
        target_bottom = _y_span(dialog.target_combo, dialog)[1]
        assert _y_span(dialog.target_error, dialog)[0] >= target_bottom
    dialog.reject()


def test_doorbraaktafel_decision_reads_as_its_dutch_label(
    qtbot: Any, window: Any, desk: Any
) -> None:
    """The events list names the decision as the user chose it, not its stored id."""
    schools = pupils.create_school(
        desk, pupils.SchoolData("Het Testcollege", "VO", "midden", municipality="Teststad")
    )
    pid = pupils.create_pupil(
        desk, pupils.PupilData("Sanne", "de Vries", dt.date(2010, 5, 1), school_id=schools)
    )
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 10, 1), stage_id="t5")
    view = window.open_case(case_id)
    dialog = view.ladder.open_move_dialog()
    qtbot.waitExposed(dialog)
    dialog.set_decision("afgewezen")
    dialog.set_target("t6")
    qtbot.keyClicks(dialog.reason_edit, "Geen passende plek binnen de regio gevonden")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.file.ladder.stage.id == "t6")
    model = view.events_model
    shown = model.data(model.index(0, 3))
    assert "besluit: Afgewezen" in shown
    assert "afgewezen" not in shown.replace("Afgewezen", "")
    # The cut-off description reads in full as its tooltip.
    assert shown in model.data(model.index(0, 3), Qt.ItemDataRole.ToolTipRole)


def test_long_header_facts_end_in_an_ellipsis_with_the_whole_text_as_tooltip(
    qtbot: Any, window: Any, desk: Any
) -> None:
    """A long step or regie name was cut off mid-letter; now it ends in … and hovers whole."""
    view = window.open_case(_case(desk))
    label = view.fact_labels["regie"]
    long_name = "Schoolondersteuner/consulent SWVZHW (Jay van Mook-Oosterhout de Graaf)"
    label.setText(long_name)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: label.width() < label.fontMetrics().horizontalAdvance(long_name))
    assert label.shown_text().endswith("…")
    assert label.fontMetrics().horizontalAdvance(label.shown_text()) <= label.width()
    assert long_name in label.toolTip()
    assert label.text() == long_name
    view.fact_labels["category"].setText("B2a")
    assert view.fact_labels["category"].toolTip() == "Inspectiecategorie"


def test_small_window_shares_its_height_between_timeline_and_events(
    qtbot: Any, window: Any, desk: Any
) -> None:
    """At 1024×700 the case file showed a 300 px timeline and 1½ rows of events."""
    case_id = _case(desk)
    for i in range(6):
        cases.add_event(desk, case_id, "note", f"Notitie {i}", on=TODAY - dt.timedelta(days=3 * i))
    window.resize(1024, 700)
    view = window.open_case(case_id)
    qtbot.waitUntil(lambda: view.events.height() > 0)
    qtbot.wait(50)
    # Room for four one-line rows (long descriptions may wrap a row onto two lines).
    rows_visible = view.events.viewport().height() // view.events.fitter.row_height
    assert rows_visible >= 4
    timeline, canvas = view.timeline, view.timeline.canvas
    assert canvas.mapTo(timeline, canvas.rect().bottomLeft()).y() < timeline.height()
    assert timeline.height() < 260


def test_long_regie_name_wraps_instead_of_clipping_the_ladder(
    qtbot: Any, window: Any, desk: Any
) -> None:
    """A long 'In regie' name widened the ladder's card past its pane: every status tag
    ('afgerond · 14-10-2026') on the right was cut off, with no way to scroll."""
    import dataclasses

    from verzuimdesk.gui.ladder_model import StepStatus

    window.resize(1024, 700)
    view = window.open_case(_case(desk))
    ladder = view.ladder
    display = ladder.display()
    long_regie = "Schoolondersteuner/consulent SWVZHW (Jay van Mook-Oosterhout de Graaf)"
    steps = tuple(
        dataclasses.replace(s, regie=long_regie) if s.status is StepStatus.CURRENT else s
        for s in display.steps
    )
    ladder.set_display(dataclasses.replace(display, steps=steps))
    qtbot.waitUntil(lambda: ladder._card is not None and ladder._card.isVisible())
    qtbot.wait(20)
    viewport = ladder._scroll.viewport()
    assert ladder._body.width() <= viewport.width()
    card = ladder._card
    assert card.mapTo(viewport, card.rect().topRight()).x() <= viewport.width()
    assert long_regie in card.regie_label.text()


def test_search_field_down_goes_to_the_list_and_enter_opens_a_single_hit(
    qtbot: Any, window: Any, desk: Any
) -> None:
    """Typing a name and pressing ↓ or Enter did nothing: eight Tabs to reach the list."""
    first = _case(desk, "Sanne", "de Vries")
    second = _case(desk, "Daan", "de Vries")
    cases_list = window.case_list
    qtbot.waitUntil(lambda: len(cases_list.model.rows) == 2)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert cases_list.search.hasFocus()
    qtbot.keyClicks(cases_list.search, "Vries")
    qtbot.keyClick(cases_list.search, Qt.Key.Key_Down)
    assert cases_list.table.hasFocus()
    assert cases_list.current_case_id() in (first, second)
    qtbot.keyClick(cases_list.table, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.case_tabs[cases_list.current_case_id()]
    # One hit: Enter in the search field opens it straight away.
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(cases_list.search, "Daan")
    qtbot.keyClick(cases_list.search, Qt.Key.Key_Return)
    assert second in window.case_tabs
    assert window.tabs.currentWidget() is window.case_tabs[second]


def _luminance(colour: str) -> float:
    from PySide6.QtGui import QColor

    c = QColor(colour)

    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_timeline_tooltip_text_is_readable_on_the_dark_tooltip(
    qtbot: Any, window: Any, desk: Any
) -> None:
    """The date line and 'Verlopen' were slate/dark red on the style sheet's dark tooltip."""
    import re

    from verzuimdesk.gui.main_window import load_style

    background = re.search(r"QToolTip\s*{[^}]*background:\s*(#[0-9a-fA-F]{6})", load_style())[1]
    case_id = _case(desk)
    cases.add_event(desk, case_id, "contact", "Gebeld met moeder", on=TODAY)
    view = window.open_case(case_id)
    timeline = view.timeline
    qtbot.waitUntil(lambda: len(timeline.markers()) > 0)
    colours: set[str] = set()
    for marker in timeline.markers():
        tip = timeline.tooltip_at(marker.rect.center().toPoint())
        assert tip
        colours |= set(re.findall(r"color:\s*(#[0-9a-fA-F]{6})", tip))
    assert colours
    for colour in colours:
        assert _contrast(colour, background) >= 4.5, colour


def test_absence_grid_and_signal_deadlines_fit_a_normal_window(
    qtbot: Any, window: Any, desk: Any
) -> None:
    """The signals' report deadline was scrolled out of its pane, the month totals cut off."""
    from verzuimdesk.core.services import absences

    case_id = _case(desk)
    pid = window.open_case(case_id).file.pupil_id
    for day in (18, 19, 20):
        absences.record_absence(desk, pid, dt.date(2024, 11, day), "ongeoorloofd", 6)
    window.resize(1360, 820)
    grid = window.open_absences(pid)
    qtbot.waitUntil(lambda: grid.signals_model.rowCount() > 0)
    qtbot.wait(20)
    signals = grid.signals
    titles = [c.title for c in grid.signals_model.columns]
    due = titles.index("Uiterlijk")
    header = signals.horizontalHeader()
    assert header.sectionViewportPosition(due) + header.sectionSize(due) <= (
        signals.viewport().width()
    )
    # The grid shows every column, Bijzonderheden included, without scrolling sideways.
    table = grid.table
    assert not table.horizontalScrollBar().isVisible()
    # The month's totals are readable in full.
    totals = grid.totals
    assert "Ongeoorloofd" in totals.text()
    assert totals.heightForWidth(totals.width()) <= totals.height()


def test_new_pupil_dialog_can_be_filled_from_the_keyboard_alone(
    qtbot: Any, window: Any, desk: Any
) -> None:
    """The cursor started on OK: typed names went nowhere and a space pressed Annuleren."""
    from PySide6.QtWidgets import QApplication

    pupils.create_school(
        desk, pupils.SchoolData("Het Testcollege", "VO", "midden", municipality="Teststad")
    )
    seen: dict[str, Any] = {}

    def fill(dialog: Any) -> None:
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.first_name)
        qtbot.keyClicks(QApplication.focusWidget(), "Sanne")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        qtbot.keyClicks(QApplication.focusWidget(), "de Vries")
        seen["names"] = (dialog.first_name.text(), dialog.last_name.text())
        focus = QApplication.focusWidget()
        for _ in range(20):  # Tab on through the fields: the buttons come last
            qtbot.keyClick(focus, Qt.Key.Key_Tab)
            focus = QApplication.focusWidget()
            if focus is dialog.ok_button:
                break
        seen["last"] = focus is dialog.ok_button
        qtbot.keyClick(focus, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    pupil_id = modal(qtbot, window.new_pupil, fill)
    assert seen["names"] == ("Sanne", "de Vries")
    assert seen["last"]
    assert pupil_id is not None  # Ctrl+Enter saved it
    assert pupils.pupil_data(desk, pupil_id).last_name == "de Vries"


def test_tab_leaves_the_note_box_of_an_event(qtbot: Any, window: Any, desk: Any) -> None:
    """Tab in the text box typed a tab character: keyboard users could not get out."""
    from verzuimdesk.gui.dialogs import EventDialog

    dialog = EventDialog(desk, _case(desk), "contact", window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.text, "Gebeld")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Tab)
    assert dialog.text.toPlainText() == "Gebeld"
    assert not dialog.text.hasFocus()
    dialog.discard()


def test_case_list_fits_the_default_window_without_sideways_scrolling(
    qtbot: Any, window: Any, desk: Any
) -> None:
    """At the default 1360×820 the last column ('(60 dagen te laat)') was cut off behind a
    horizontal scrollbar, and the 'Week' title was clipped."""
    from PySide6.QtGui import QFont, QFontMetrics

    _case(desk)
    window.resize(1360, 820)
    table = window.case_list.table
    qtbot.waitUntil(lambda: table.model().rowCount() == 1)
    qtbot.wait(20)
    header = table.horizontalHeader()
    assert not table.horizontalScrollBar().isVisible()
    for i in range(header.count()):
        assert header.sectionSizeHint(i) <= header.sectionSize(i), window.case_list.model.columns[
            i
        ].title
    bold = QFont(table.font())
    bold.setBold(True)
    due = len(window.case_list.model.columns) - 1
    assert QFontMetrics(bold).horizontalAdvance("25-09-2026  (60 dagen te laat)") + 16 <= (
        header.sectionSize(due)
    )


def test_quit_and_restart_keeps_filters_order_and_widths_per_case_base(
    qtbot: Any, window: Any, desk: Any, tmp_path: Path
) -> None:
    """The order chosen by a column click was forgotten on restart, and one case base's
    school filter (a school id) silently filtered another case base on a different school."""
    from tests.support.desk import make_desk
    from verzuimdesk.gui.main_window import MainWindow

    _case(desk, "Sanne", "de Vries")
    school = pupils.create_school(
        desk, pupils.SchoolData("Het Andere College", "VO", "midden", municipality="Teststad")
    )
    pid = pupils.create_pupil(
        desk, pupils.PupilData("Bram", "Aalders", dt.date(2010, 5, 1), school_id=school)
    )
    cases.open_case(desk, pid, opened_on=dt.date(2024, 10, 1))
    view = window.case_list
    view.fill_filters()
    view.school.setCurrentIndex(view.school.findData(school))
    qtbot.waitUntil(lambda: len(view.model.rows) == 1)
    header = view.table.horizontalHeader()
    pupil_column = [c.key for c in view.model.columns].index("pupil")
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(pupil_column) + 20, header.height() // 2),
    )
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(pupil_column) + 20, header.height() // 2),
    )
    header.resizeSection(pupil_column, 233)
    window.close()  # Ctrl+Q saves the layout

    again = MainWindow(desk)
    qtbot.addWidget(again)
    restored = again.case_list
    assert restored.school.currentData() == school
    assert [r.pupil_name for r in restored.model.rows] == ["Bram Aalders"]
    assert restored.query().sort == "pupil" and restored.query().descending
    assert not restored.urgency.isChecked()
    assert restored.table.horizontalHeader().isSortIndicatorShown()
    assert restored.table.horizontalHeader().sectionSize(pupil_column) == 233
    again.close()

    other_desk = make_desk(tmp_path / "ander")
    try:
        other = MainWindow(other_desk)
        qtbot.addWidget(other)
        assert other.case_list.school.currentIndex() == 0  # 'Alle scholen'
        # Widths and order are the user's per case base (issue 14): not carried over.
        assert other.case_list.table.horizontalHeader().sectionSize(pupil_column) != 233
        assert not other.case_list.table.fitter.user_sized
        other.close()
    finally:
        other_desk.case_base.close()


def test_saved_form_says_so_in_green_not_in_the_error_red(
    qtbot: Any, window: Any, desk: Any
) -> None:
    """'Bewaard.' after a refused save was painted in the red of the error message."""
    from PySide6.QtGui import QColor

    view = window.open_case(_case(desk))
    view.open_form("melding-thuiszitter")
    form = view._form_dialog
    qtbot.addWidget(form)
    assert not form.save()  # required fields empty: the red message
    red = form.message.palette().color(form.message.foregroundRole())
    assert red == QColor("#b42318")
    values = form.values()
    form.widget.set_values(
        {**values, "soort": "B1", "reden": "Schoolangst", "begin": dt.date(2024, 11, 18)},
        clear=False,
    )
    assert form.save(), form.widget.errors()
    assert form.message.text() == "Bewaard."
    assert form.message.palette().color(form.message.foregroundRole()) == QColor("#15803d")


def test_pdf_file_dialog_speaks_dutch(qtbot: Any, window: Any) -> None:
    """*Afdrukken (PDF)…*: 'Look in:', 'Files of type:' and 'Folder' were English."""
    from PySide6.QtCore import QFileInfo
    from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QLabel, QMessageBox

    dialog = QFileDialog(window, "Afdrukken naar PDF", "", "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert "&Zoeken in:" in labels and "Bestands&type:" in labels, labels
    assert not any("Look" in t or "Files of" in t for t in labels)
    files = dialog.findChild(QFileSystemModel)
    assert files.iconProvider().type(QFileInfo(str(Path.home()))) == "Map"
    dialog.reject()
    # Qt's own Dutch still answers everything else.
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Vraag",
        "Zeker?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    assert [b.text() for b in box.buttons()] == ["&Ja", "&Nee"]


def test_first_start_region_question_has_dutch_buttons(qtbot: Any) -> None:
    """The very first question of a new user (which region?) came before Qt's Dutch was
    loaded: its buttons read 'OK' and 'Cancel'."""
    from types import SimpleNamespace

    from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog

    from verzuimdesk.gui import startup

    app = QApplication.instance()
    for name in ("_verzuimdesk_nl", "_verzuimdesk_nl_supplement"):  # as at a cold start
        translator = getattr(app, name, None)
        if translator is not None:
            app.removeTranslator(translator)
            delattr(app, name)
    assert app.translate("QPlatformTheme", "Cancel") == "Cancel"
    startup.ensure_application()
    regions = [
        SimpleNamespace(id="den_haag", name="Den Haag"),
        SimpleNamespace(id="ams", name="Amsterdam"),
    ]
    registry = SimpleNamespace(regions=lambda: regions)
    seen: list[str] = []

    def answer(dialog: Any) -> None:
        assert isinstance(dialog, QInputDialog)
        box = dialog.findChild(QDialogButtonBox)
        seen.extend(b.text() for b in box.buttons())
        dialog.accept()

    assert modal(qtbot, lambda: startup.choose_region(registry), answer) == "den_haag"
    assert "Annuleren" in seen and "Cancel" not in seen, seen


def test_deadlines_tab_titles_every_column_and_fits_the_default_window(
    qtbot: Any, window: Any, desk: Any
) -> None:
    """The '8 dagen te laat' column had no title; the last column ran off the window."""
    _case(desk)
    window.resize(1360, 820)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    view = window.deadlines
    assert window.tabs.currentWidget() is view
    table = view.findChild(type(window.case_list.table))
    qtbot.wait(20)
    model = table.model()
    titles = [
        model.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for i in range(model.columnCount())
    ]
    assert all(titles), titles
    assert not table.horizontalScrollBar().isVisible()


def test_mark_done_dialog_shows_the_whole_deadline_text(qtbot: Any, window: Any, desk: Any) -> None:
    """The deadline's name wrapped after two words and its second line was cut off."""
    from verzuimdesk.gui.dialogs import DoneDialog

    what = "Plan van aanpak (OPP) evalueren"
    dialog = DoneDialog(desk, what, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    label = dialog.subject
    assert label.width() >= 250
    assert label.height() >= label.heightForWidth(label.width())
    date_top = dialog.on.mapTo(dialog, dialog.on.rect().topLeft()).y()
    assert label.mapTo(dialog, label.rect().bottomLeft()).y() <= date_top
    dialog.reject()


def test_school_calendar_names_its_free_periods_readably(
    qtbot: Any, window: Any, desk: Any
) -> None:
    """The 'Naam' column of the free periods showed 'Zom…', 'Herfs…', 'Kerst…'."""
    from PySide6.QtGui import QFontMetrics

    pupils.create_school(
        desk, pupils.SchoolData("Het Testcollege", "VO", "midden", municipality="Teststad")
    )
    win = window.show_schools()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.model.rowCount() > 3)
    qtbot.wait(20)
    header = win.table.horizontalHeader()
    names = [win.model.row_at(i).name for i in range(win.model.rowCount())]
    assert "Kerstvakantie" in names
    needed = QFontMetrics(win.table.font()).horizontalAdvance("Kerstvakantie") + 24
    assert header.sectionSize(1) >= needed
    win.close()


def test_suggested_steps_tag_sits_beside_the_name_not_over_the_reason(qtbot: Any) -> None:
    """'voorgesteld' was painted over the line saying why the step is suggested."""
    from verzuimdesk.gui.ladder_view import LadderStepper

    stepper = LadderStepper(den_haag())
    qtbot.addWidget(stepper)
    stepper.resize(420, 700)
    stepper.show()
    qtbot.waitExposed(stepper)
    row = stepper._rows["dh-10a"]
    row.grab()  # paints
    assert {"tag", "subtitle"} <= set(row.painted)
    assert not row.painted["tag"].intersects(row.painted["subtitle"])
    assert row.rect().toRectF().contains(row.painted["tag"])


def test_greyed_out_move_button_says_why(qtbot: Any, window: Any, desk: Any) -> None:
    """On a final step 'Naar volgende stap…' was grey without a word of explanation."""
    schools = pupils.create_school(
        desk, pupils.SchoolData("Het Testcollege", "VO", "midden", municipality="Teststad")
    )
    pid = pupils.create_pupil(
        desk, pupils.PupilData("Sanne", "de Vries", dt.date(2010, 5, 1), school_id=schools)
    )
    case_id = cases.open_case(desk, pid, opened_on=dt.date(2024, 10, 1), stage_id="t6")
    view = window.open_case(case_id)
    assert not view.move_button.isEnabled()
    assert "eindstap" in view.move_button.toolTip()
    assert "Casus sluiten" in view.move_button.toolTip()


def test_bad_hours_in_the_month_grid_are_explained_under_the_grid(
    qtbot: Any, window: Any, desk: Any
) -> None:
    """'abc' or 30 hours in a cell opened an error dialog ('VerzuimDesk – foutmelding')
    over the grid; now the Dutch message appears under it and goes once a cell is saved."""
    from verzuimdesk.gui import errors

    case_id = _case(desk)
    grid = window.open_absences(window.open_case(case_id).file.pupil_id)
    model = grid.model
    rows = {d.date: i for i, d in enumerate(model.month.days)}
    index = model.index(rows[dt.date(2024, 11, 18)], 2)

    def type_into(text: str) -> None:
        from PySide6.QtWidgets import QLineEdit

        grid.table.setCurrentIndex(index)
        grid.table.edit(index)
        editor = grid.table.viewport().findChild(QLineEdit)
        qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: grid.table.viewport().findChild(QLineEdit) is None)

    type_into("abc")
    assert grid.message.isVisible()
    assert "aantal uren" in grid.message.text()
    type_into("30")
    assert grid.message.isVisible() and "tussen 0 en" in grid.message.text()
    assert not errors.shown  # no dialog
    type_into("4")
    qtbot.waitUntil(
        lambda: model.month.days[rows[dt.date(2024, 11, 18)]].hours.get("ongeoorloofd") == 4
    )
    assert not grid.message.isVisible()


def test_case_menu_makes_the_case_actions_findable_and_keyboard_reachable(
    qtbot: Any, window: Any, desk: Any
) -> None:
    """Moving a case on, adding a note or closing it was only possible with the mouse
    (or many Tabs): no menu named them and no shortcut reached them."""
    from PySide6.QtWidgets import QApplication

    from verzuimdesk.gui.dialogs import EventDialog

    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Casus" in titles
    texts = [a.text() for a in window.case_menu.actions() if a.text()]
    assert {"Naar volgende stap…", "Notitie toevoegen…", "Casus sluiten…"} <= set(texts)
    # On the case list the case actions are off.
    window.case_menu.aboutToShow.emit()
    assert not window.move_action.isEnabled()
    view = window.open_case(_case(desk))
    window.activateWindow()
    assert window.move_action.isEnabled()
    assert window.move_action.shortcut().toString() == "Ctrl+M"
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.ladder._dialog is not None and view.ladder._dialog.isVisible())
    view.ladder._dialog.reject()

    seen: list[Any] = []

    def answer(dialog: Any) -> None:
        seen.append(dialog)
        qtbot.keyClicks(dialog.text, "Moeder gebeld")
        dialog.save_changes()

    modal(
        qtbot,
        lambda: qtbot.keyClick(
            window,
            Qt.Key.Key_O,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        ),
        answer,
    )
    assert isinstance(seen[0], EventDialog)
    qtbot.waitUntil(lambda: any(e.text == "Moeder gebeld" for e in view.file.events))
    assert QApplication.activeModalWidget() is None


def test_hours_typed_in_an_open_cell_survive_a_reload(qtbot: Any, window: Any, desk: Any) -> None:
    """Typed hours not yet confirmed with Enter were dropped without a word when the grid
    reloaded for another month; a reload after a change elsewhere keeps them too."""
    from PySide6.QtWidgets import QLineEdit

    from verzuimdesk.core.services import absences, queries

    pid = window.open_case(_case(desk)).file.pupil_id
    grid = window.open_absences(pid)
    model = grid.model
    row = {d.date: i for i, d in enumerate(model.month.days)}[dt.date(2024, 11, 18)]
    index = model.index(row, 2)

    def hours_on(day: int) -> dict[str, float]:
        month = queries.pupil_absences(desk, pid, dt.date(2024, 11, 1))
        return month.days[[d.date.day for d in month.days].index(day)].hours

    grid.table.setCurrentIndex(index)
    grid.table.edit(index)
    qtbot.keyClicks(grid.table.viewport().findChild(QLineEdit), "4")
    # Meanwhile another day of this pupil is recorded elsewhere: the grid reloads.
    absences.record_absence(desk, pid, dt.date(2024, 11, 19), "ziek", 6)
    qtbot.waitUntil(lambda: model.month.days[row + 1].hours == {"ziek": 6.0})
    assert hours_on(18) == {"ongeoorloofd": 4.0}
    # Another month with a cell still open saves it too.
    grid.table.setCurrentIndex(index)
    grid.table.edit(index)
    editor = next(e for e in grid.table.viewport().findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    qtbot.keyClicks(editor, "5")
    grid.shift(1)
    assert hours_on(18) == {"ongeoorloofd": 5.0}


def test_dialog_buttons_say_what_they_do(qtbot: Any, window: Any, desk: Any) -> None:
    """Every form dialog confirmed with a bare 'OK'; 'Casus sluiten' is clearer than OK."""
    from verzuimdesk.gui import dialogs
    from verzuimdesk.gui.pupil_dialog import PupilDialog

    case_id = _case(desk)
    made = {
        "Toevoegen": PupilDialog(desk, window),
        "Casus openen": dialogs.NewCaseDialog(desk, window),
        "Afgehandeld": dialogs.DoneDialog(desk, "Gesprek voeren", window),
        "Casus sluiten": dialogs.CloseCaseDialog(desk, case_id, [("a", "Terug op school")], window),
    }
    made["Toevoegen "] = dialogs.EventDialog(desk, case_id, "note", window)
    for text, dialog in made.items():
        qtbot.addWidget(dialog)
        assert dialog.ok_button.text() == text.strip()

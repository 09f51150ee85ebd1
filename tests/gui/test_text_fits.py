"""Every screen at 1280×800 and 1920×1080: no visible label, button, header or cell elided.

A case base of the real Den Haag ladder (its longest step and phase names) with long
Dutch names, long school names and the ladder's own deadlines ("DUO-melding 16 uur
ongeoorloofd verzuim …"). Each screen is shown and every visible text is measured with
``QFontMetrics`` against the width it has.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QWidget,
)

from tests.support.gui import TODAY
from verzuimdesk.core.db import create_case_base, sqlite_url
from verzuimdesk.core.desk import Desk
from verzuimdesk.core.services import cases, pupils, round_planning
from verzuimdesk.gui import errors
from verzuimdesk.plugins.manager import create_plugin_manager

SIZES = [(1280, 800), (1920, 1080)]
#: Left and right padding of a header section (resources/style.qss: padding 5px 8px).
HEADER_PADDING = 16
SCHOOLS = [
    "Basisschool Giovanni van Bronckhorst",
    "Christelijk Lyceum Scheveningen-Duindorp",
    "Montessorischool De Kleine Wereldburger",
]
PUPILS = [
    ("Evy Gepa", "van Bourgondië-Vermeulen"),
    ("Maximiliaan", "van den Heuvel-Abdelkader"),
    ("Noor", "Bakker"),
    ("Anne-Sophie", "de Wit van der Burgh"),
]


@pytest.fixture(scope="module")
def long_names_window(qapp: Any, tmp_path_factory: Any) -> Iterator[Any]:
    from verzuimdesk.gui.case_list import settings
    from verzuimdesk.gui.main_window import MainWindow, apply_style

    path: Path = tmp_path_factory.mktemp("fits") / "den_haag.sqlite"
    case_base = create_case_base(sqlite_url(path), "den_haag", today=TODAY)
    desk = Desk(case_base, create_plugin_manager(), user="tester", today=TODAY)
    ladder = desk.registry.ladder(desk.region_id)
    schools = [
        pupils.create_school(
            desk, pupils.SchoolData(name, "PO", "zuid", f"1{n}AB", "Leidschendam-Voorburg")
        )
        for n, name in enumerate(SCHOOLS)
    ]
    case_ids = []
    for n, (first, last) in enumerate(PUPILS):
        pupil = pupils.create_pupil(
            desk, pupils.PupilData(first, last, dt.date(2012, 3, 14), school_id=schools[n % 3])
        )
        case_id = cases.open_case(desk, pupil, opened_on=TODAY - dt.timedelta(days=70 + 7 * n))
        current = ladder.start_stage
        for step in range(n + 1):
            nexts = list(ladder.stage(current).next_stages)
            if not nexts:
                break
            target = nexts[0]
            decision = next(
                (d.id for d in ladder.stage(current).decision_defs() if target in d.next_stages),
                None,
            )
            cases.move_case(desk, case_id, target, reason="Volgende stap", decision=decision,
                            on=TODAY - dt.timedelta(days=60 - 7 * step))  # fmt: skip
            current = target
        case_ids.append(case_id)
    settings().clear()
    apply_style(QApplication.instance())  # type: ignore[arg-type]
    errors.set_quiet(True)
    window = MainWindow(desk)
    window.show()
    yield window, case_ids
    errors.set_quiet(False)
    window.close()
    case_base.close()


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _visible(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and not widget.visibleRegion().isEmpty()


def cut_texts(root: QWidget) -> list[str]:
    """Every visible text under ``root`` that is wider than the room it has."""
    problems: list[str] = []
    for label in root.findChildren(QLabel):
        text = label.text()
        if not _visible(label) or not text or label.wordWrap() or "<" in text:
            continue
        if hasattr(label, "shown_text"):  # a FactLabel: it elides on purpose, say so
            if label.shown_text() != text:
                problems.append(
                    f"label {label.objectName() or '?'}: {text!r} → {label.shown_text()!r}"
                )
            continue
        room = label.contentsRect().width() - 2 * label.margin() - max(label.indent(), 0)
        for line in _plain(text).split("\n"):
            if label.fontMetrics().horizontalAdvance(line) > room + 1:
                problems.append(
                    f"label: {line!r} ({label.fontMetrics().horizontalAdvance(line)} > {room})"
                )
    for button in root.findChildren(QAbstractButton):
        if not _visible(button) or not button.text():
            continue
        if isinstance(button, QPushButton | QToolButton | QCheckBox):
            need = button.sizeHint().width()
            if need > button.width() + 1:
                problems.append(f"button: {button.text()!r} ({need} > {button.width()})")
    for combo in root.findChildren(QComboBox):
        if _visible(combo) and not combo.isEditable() and combo.currentText():
            problems += _cut_in_combo(combo)
    for table in root.findChildren(QTableView):
        if _visible(table):
            problems += _cut_in_table(table)
    for listing in root.findChildren(QListView):
        if _visible(listing):
            problems += _cut_in_list(listing)
    return problems


def _cut_in_combo(combo: QComboBox) -> list[str]:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    room = field.width() - (combo.iconSize().width() + 4 if option.currentIcon.isNull() is False
                            else 0)  # fmt: skip
    need = combo.fontMetrics().horizontalAdvance(_plain(combo.currentText()))
    if need > room + 1:
        name = combo.accessibleName() or combo.objectName() or "?"
        return [f"keuzelijst {name}: {combo.currentText()!r} ({need} > {room})"]
    return []


def _cut_in_list(listing: QListView) -> list[str]:
    """A list item's text wider than its row; a delegate with ``shown_lines`` says itself
    what it shows (full text, shown text) per line."""
    problems: list[str] = []
    model = listing.model()
    viewport = listing.viewport().rect()
    delegate = listing.itemDelegate()
    for r in range(model.rowCount()):
        index = model.index(r, listing.modelColumn())
        rect = listing.visualRect(index)
        if not rect.intersects(viewport):
            continue
        if hasattr(delegate, "shown_lines"):
            option = QStyleOptionViewItem()
            option.initFrom(listing)
            option.rect = rect
            for full, shown in delegate.shown_lines(option, index):
                if full != shown:
                    problems.append(f"{listing.objectName() or 'lijst'}: {full!r} → {shown!r}")
            continue
        text = index.data()
        if not isinstance(text, str) or not text or listing.wordWrap():
            continue
        margin = 2 * (
            listing.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, listing) + 1
        )
        need = max(listing.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
        room = min(rect.right(), viewport.right()) - rect.left() - margin
        if need > room:
            problems.append(f"{listing.objectName() or 'lijst'}: {text!r} ({need} > {room})")
    return problems


def _cut_in_table(table: QTableView) -> list[str]:
    problems: list[str] = []
    model = table.model()
    header: QHeaderView = table.horizontalHeader()
    viewport = table.viewport()
    margin = 2 * (
        table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    )
    columns = [
        c for c in range(model.columnCount())
        if not header.isSectionHidden(c)
        and header.sectionViewportPosition(c) < viewport.width()
        and header.sectionViewportPosition(c) + header.sectionSize(c) > 0
    ]  # fmt: skip
    bold = QFont(header.font())
    bold.setWeight(QFont.Weight.DemiBold)  # resources/style.qss: font-weight 600
    header_metrics = QFontMetrics(bold)
    for c in columns:
        title = model.headerData(c, Qt.Orientation.Horizontal)
        if not header.isVisible() or not isinstance(title, str):
            continue
        arrow = 20 if header.isSortIndicatorShown() and header.sortIndicatorSection() == c else 0
        need = header_metrics.horizontalAdvance(title) + HEADER_PADDING + arrow
        if need > header.sectionSize(c):
            problems.append(
                f"{table.objectName()} header {title!r} ({need} > {header.sectionSize(c)})"
            )
    first = max(table.rowAt(0), 0)
    last = table.rowAt(viewport.height() - 1)
    last = model.rowCount() - 1 if last < 0 else last
    for r in range(first, last + 1):
        for c in columns:
            index = model.index(r, c)
            text = index.data()
            if not isinstance(text, str) or not text:
                continue
            font = QFont(table.font())
            role_font = index.data(Qt.ItemDataRole.FontRole)
            if isinstance(role_font, QFont):
                font = role_font.resolve(table.font())
            metrics = QFontMetrics(font)
            room = table.columnWidth(c) - margin
            if table.wordWrap():
                box = metrics.boundingRect(0, 0, room, 10_000, int(Qt.TextFlag.TextWordWrap), text)
                if box.width() > room or box.height() > table.rowHeight(r):
                    problems.append(f"{table.objectName()} cell {text!r} (wrapped)")
            elif metrics.horizontalAdvance(text) > room:
                width = metrics.horizontalAdvance(text)
                problems.append(f"{table.objectName()} cell {text!r} ({width} > {room})")
    return problems


def _settle(qtbot: Any) -> None:
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(1)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_text_is_cut_on_any_screen(qtbot: Any, long_names_window: Any, size: Any) -> None:
    window, case_ids = long_names_window
    window.resize(*size)
    problems: dict[str, list[str]] = {}

    def check(name: str, root: QWidget) -> None:
        _settle(qtbot)
        found = cut_texts(root)
        if found:
            problems[name] = found

    window.tabs.setCurrentWidget(window.case_list)
    check("Casussen", window)
    window.tabs.setCurrentIndex(1)
    for key in ("overdue", "today", "week", "later"):
        window.deadlines.show_group(key)
        check(f"Termijnen ({key})", window)
    view = window.open_case(case_ids[-1])
    for i in range(view.tabs.count()):
        view.tabs.setCurrentIndex(i)
        check(f"Casus, tab {view.tabs.tabText(i)}", window)
    absences = window.open_absences(view.file.pupil_id)
    check("Verzuim", absences)
    schools = window.show_schools()
    schools.resize(*size)
    check("Schoolkalenders", schools)
    schools.close()
    # The SWV's screens: Leerlingen, Scholen, a school, Werkvoorraad, Overzicht, Belronde.
    window.tabs.setCurrentWidget(window.pupils_view)
    check("Leerlingen", window)
    features = window.round_features
    features.show_schools()
    check("Scholen", window)
    school_ids = [school.id for school in pupils.list_schools(window.desk)]
    features.open_school(school_ids[0])
    check("School", window)
    features.show_workload()
    check("Werkvoorraad", window)
    overview = window.overview_tab
    window.tabs.setCurrentWidget(overview)
    qtbot.waitUntil(lambda: overview.overview is not None, timeout=60_000)
    check("Overzicht", window)
    quarter = "2024Q3" if size == SIZES[0] else "2024Q4"  # one round per quarter
    round_id = round_planning.create_round(window.desk, quarter, school_ids)
    features.open_round(round_id)
    check("Belronde", window)
    report = "\n".join(f"{name}:\n  " + "\n  ".join(found) for name, found in problems.items())
    assert not problems, f"afgekapte teksten op {size}:\n{report}"


def test_no_text_is_cut_in_the_dialogs(qtbot: Any, long_names_window: Any) -> None:
    """The form window and the main dialogs, each at the size it opens with."""
    from verzuimdesk.core.services import legal_data
    from verzuimdesk.gui.about import AboutDialog, PluginsDialog
    from verzuimdesk.gui.dialogs import (
        CloseCaseDialog,
        DoneDialog,
        EventDialog,
        MoveDialog,
        NewCaseDialog,
        RegieDialog,
    )
    from verzuimdesk.gui.forms_dialog import FormDialog
    from verzuimdesk.gui.import_wizard import ImportWizard
    from verzuimdesk.gui.letter_dialog import LetterDialog
    from verzuimdesk.gui.overview.reports_dialog import ReportsDialog
    from verzuimdesk.gui.pupil_dialog import PupilDialog
    from verzuimdesk.gui.round_dialogs import NewRoundDialog

    window, case_ids = long_names_window
    desk = window.desk
    view = window.open_case(case_ids[-1])
    file = view.file
    problems: dict[str, list[str]] = {}

    def check(name: str, dialog: QWidget) -> None:
        if not dialog.isVisible():
            dialog.show()
        _settle(qtbot)
        found = cut_texts(dialog)
        layout = dialog.layout()
        if layout is not None and dialog.width() < layout.minimumSize().width():
            found.append(f"venster {dialog.width()} px < {layout.minimumSize().width()} px")
        if found:
            problems[name] = found
        dialog.hide()  # close() would ask to save what the checks filled in
        if isinstance(dialog, QDialog):
            dialog.deleteLater()

    for form in file.available_forms:
        check(f"Formulier {form.id}", FormDialog(desk, file, form.id, parent=view))
    new_pupil = PupilDialog(desk, window)
    new_pupil.enrolments.add_row(new_pupil.enrolments._schools[1].id)
    for kind, _label in legal_data.EXEMPTION_KINDS:
        new_pupil.exemptions.add_row(kind)
    check("Nieuwe leerling", new_pupil)
    check("Leerling bewerken", PupilDialog(desk, window, pupil_id=file.pupil_id))
    new_case = NewCaseDialog(desk, window, pupil_dialog=PupilDialog)
    check("Nieuwe casus", new_case)
    for kind in cases.USER_EVENT_KINDS:
        event = EventDialog(desk, file.case_id, kind, view)
        if kind == "decision":
            for i in range(event.decision.count()):
                event.decision.setCurrentIndex(i)
                event.show()
                _settle(qtbot)
                problems.setdefault("Besluit", []).extend(cut_texts(event))
        check(f"Gebeurtenis {kind}", event)
    move = view.ladder.open_move_dialog()
    if move is None:  # the last case's step may have nowhere to go: the first one has
        move = window.open_case(case_ids[0]).ladder.open_move_dialog()
    assert move is not None
    for i in range(move.target_combo.count()):
        move.target_combo.setCurrentIndex(i)
        _settle(qtbot)
        problems.setdefault("Naar volgende stap", []).extend(cut_texts(move))
    check("Naar volgende stap", move)
    check("Casus naar volgende stap", MoveDialog(desk, file.case_id, file.ladder.transitions, view))
    check("Regie", RegieDialog(desk, file, view))
    check("Termijn afhandelen", DoneDialog(desk, "DUO-melding 16 uur ongeoorloofd verzuim", view))
    close = CloseCaseDialog(desk, file.case_id, file.outcomes, view)
    for i in range(close.outcome.count()):
        close.outcome.setCurrentIndex(i)
        close.show()
        _settle(qtbot)
        problems.setdefault("Casus sluiten", []).extend(cut_texts(close))
    check("Casus sluiten", close)
    letter = LetterDialog(desk, file.case_id, file.number, view)
    check("Brief", letter)
    check("Over", AboutDialog(desk, window))
    check("Nieuwe belronde", NewRoundDialog(desk, window))
    check("Rapportages", ReportsDialog(desk, "inspectie", parent=window))
    check("Importeren", ImportWizard(desk, window))
    check("Plug-ins", PluginsDialog(desk, window))
    problems = {k: v for k, v in problems.items() if v}
    report = "\n".join(f"{name}:\n  " + "\n  ".join(found) for name, found in problems.items())
    assert not problems, f"afgekapte teksten in dialogen:\n{report}"

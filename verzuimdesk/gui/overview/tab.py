"""The Overzicht tab: the quarter's charts, each with the numbers behind it, exportable.

The tab is a light widget until it is first shown; then it imports matplotlib (with the
Qt backend), builds the canvas and computes the charts in a worker thread, so neither the
desk's start-up nor the GUI thread pays for them. It refreshes when the data change (the
change hub), at once while visible and on the next showing otherwise.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.reports.model import Quarter
from verzuimdesk.core.services import changes
from verzuimdesk.core.services.common import today
from verzuimdesk.gui.background import (
    hold_garbage_collection,
    release_garbage_collection,
    run_in_background,
)
from verzuimdesk.gui.overview.hover import install_tooltips
from verzuimdesk.gui.overview.table_model import RowsModel, cell_text

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk
    from verzuimdesk.core.reports.charts import ChartData, Overview

__all__ = ["EXPORT_FORMATS", "OverviewTab", "quarters_for"]

#: Export formats: extension -> Dutch filter.
EXPORT_FORMATS: dict[str, str] = {
    ".png": "PNG-afbeelding (*.png)",
    ".svg": "SVG-tekening (*.svg)",
    ".pdf": "PDF-document (*.pdf)",
}


def quarters_for(desk: Desk, count: int = 8) -> list[Quarter]:
    """The quarters offered: the current one and the ones before, newest first."""
    out = [Quarter.of(today(desk))]
    while len(out) < count:
        out.append(out[-1].previous())
    return out


class _Signals(QObject):
    done = Signal(object, int)
    failed = Signal(str, int)


class _Job(QRunnable):
    """Computes the overview in the thread pool and reports back by signal."""

    def __init__(self, desk: Desk, quarter: Quarter, generation: int, signals: _Signals) -> None:
        super().__init__()
        self.desk = desk
        self.quarter = quarter
        self.generation = generation
        self.signals = signals

    def run(self) -> None:
        from verzuimdesk.core.reports.service import build_overview

        try:
            result = build_overview(self.desk, self.quarter)
        except Exception as exc:  # shown in the tab, never lost
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}", self.generation)
            return
        self.signals.done.emit(result, self.generation)


class OverviewTab(QWidget):
    """Charts of thuiszitters, flows, open cases and signals for a chosen quarter."""

    #: Emitted after the charts were drawn for new data (tests and benchmarks wait on it).
    refreshed = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewTab")
        self.desk = desk
        self.overview: Overview | None = None
        self.canvas: Any = None
        self.figure: Any = None
        self._built = False
        self._dirty = True
        self._generation = 0
        self._signals = _Signals()
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(250)
        self._refresh_timer.timeout.connect(self.refresh)
        self.timings: dict[str, float] = {}
        #: The tooltip shown last over the chart ("" when none).
        self.hover_text = ""
        #: Charts computed in the background before the tab was first shown (warm_up),
        #: used at the first showing unless the data changed meanwhile.
        self._warmed: Overview | None = None
        self._warming = False
        self._warming_quarter: Quarter | None = None
        self._await_warm = False
        self._unsubscribe = changes.bus(desk).subscribe(self._on_change)
        self.destroyed.connect(lambda *_: self._unsubscribe())

    # ------------------------------------------------------------------ building

    def showEvent(self, event: QShowEvent) -> None:
        """Build the canvas on the first showing; refresh when the data changed."""
        super().showEvent(event)
        if not self._built:
            self._build()
        if self._dirty:
            self.refresh()

    def _build(self) -> None:
        """The widgets; the charts' computation starts before matplotlib is imported, so
        the import (on this thread) and the computation (in the pool) overlap."""
        self._built = True
        self.quarter_box = QComboBox()
        self.quarter_box.setObjectName("overviewQuarter")
        for q in quarters_for(self.desk):
            self.quarter_box.addItem(q.label, q.code)
        self.quarter_box.currentIndexChanged.connect(lambda *_: self.refresh())
        quarter_label = QLabel("&Kwartaal:")
        quarter_label.setBuddy(self.quarter_box)
        self.status = QLabel("Bezig met berekenen…")
        self.status.setObjectName("overviewStatus")
        self.status.setStyleSheet("color: #475569")
        refresh = QPushButton("&Vernieuwen")
        refresh.clicked.connect(self.refresh)
        self.export_button = QToolButton()
        self.export_button.setText("&Exporteren")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        for suffix, text in EXPORT_FORMATS.items():
            action = menu.addAction(f"Als {text.split(' ')[0]}…")
            action.triggered.connect(lambda _=False, s=suffix: self.export_current(s))
        self.export_button.setMenu(menu)
        top = QHBoxLayout()
        top.addWidget(quarter_label)
        top.addWidget(self.quarter_box)
        top.addWidget(refresh)
        top.addSpacing(12)
        top.addWidget(self.status, 1)
        top.addWidget(self.export_button)

        self.figures = QLabel()
        self.figures.setObjectName("overviewFigures")
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        self.figures.setWordWrap(True)

        self.chart_list = QListWidget()
        self.chart_list.setObjectName("overviewCharts")
        self.chart_list.currentRowChanged.connect(self._show_chart)
        self.numbers = QTableView()
        self.numbers.setObjectName("overviewNumbers")
        self.numbers_model = RowsModel([], [])
        self.numbers.setModel(self.numbers_model)
        self.numbers.verticalHeader().setVisible(False)
        self.numbers.setAlternatingRowColors(True)
        self.numbers.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.numbers)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        self.numbers.setMinimumHeight(150)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.chart_list)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([220, 1000])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.figures)
        layout.addWidget(split, 1)
        if self._dirty:
            self.refresh()
        started = time.perf_counter()
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.timings["import"] = time.perf_counter() - started
        self.figure = Figure(figsize=(8, 4.2), layout="constrained")
        self.figure.set_facecolor("#ffffff")
        self.canvas = FigureCanvasQTAgg(self.figure)  # type: ignore[no-untyped-call]
        self.canvas.setObjectName("overviewCanvas")
        self.canvas.setMinimumHeight(300)
        right.insertWidget(0, self.canvas)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        install_tooltips(self)

    def warm_up(self) -> None:
        """Compute the charts of the current quarter in a process of their own, before
        the tab is first shown (:mod:`.warm_process`).

        On a large case base the charts' facts take a second or more to read; done while
        the user works in the case list, the first showing only draws. A change before
        then drops the result (the showing computes anew). An encrypted case base is not
        warmed up: its key stays in this process.
        """
        from verzuimdesk.core.db import is_encrypted_url

        url = self.desk.case_base.url
        if self._built or self._warming or is_encrypted_url(url):
            return
        self._warming = True
        desk, quarter = self.desk, Quarter.of(today(self.desk))
        self._warming_quarter = quarter
        self._warmed = None
        marker = changes.bus(desk).version

        def job() -> Overview:
            from verzuimdesk.gui.overview.warm_process import overview_in_process

            return overview_in_process(url, desk.today, quarter.code)

        def done(result: Overview) -> None:
            self._warming = False
            unchanged = changes.bus(desk).version == marker
            if self._await_warm:  # the tab was shown meanwhile and waits for these charts
                self._await_warm = False
                if unchanged and self.quarter == quarter:
                    self._show_result(result)
                else:
                    self.refresh()
            elif not self._built and unchanged:
                self._warmed = result

        def failed(_error: BaseException) -> None:
            self._warming = False
            if self._await_warm:
                self._await_warm = False
                self.refresh()

        run_in_background(self, job, done, failed)

    # ------------------------------------------------------------------ data

    @property
    def quarter(self) -> Quarter:
        """The chosen quarter."""
        return Quarter.parse(str(self.quarter_box.currentData()))

    def _on_change(self, _change: changes.Change) -> None:
        self._dirty = True
        self._warmed = None
        if self._built and self.isVisible():
            self._refresh_timer.start()

    def refresh(self) -> None:
        """Recompute the charts for the chosen quarter (in the background)."""
        if not self._built:
            self._dirty = True
            return
        self._dirty = False
        self._generation += 1
        self._started = time.perf_counter()
        warmed, self._warmed = self._warmed, None
        if warmed is not None and warmed.quarter == self.quarter:
            self._show_result(warmed)
            return
        if self._warming and self._warming_quarter == self.quarter:
            self._await_warm = True  # the warm-up is computing these very charts
            self.status.setText(f"Bezig met berekenen van het {self.quarter.label}…")
            return
        self.status.setText(f"Bezig met berekenen van het {self.quarter.label}…")
        # The collector stays off while the job runs (it could free Qt objects on the
        # pool's thread); released on this thread when the job reports back.
        hold_garbage_collection()
        QThreadPool.globalInstance().start(
            _Job(self.desk, self.quarter, self._generation, self._signals)
        )

    def _on_failed(self, message: str, generation: int) -> None:
        release_garbage_collection()
        if generation == self._generation:
            self.status.setText(f"De grafieken konden niet worden berekend: {message}")

    def _on_done(self, result: Overview, generation: int) -> None:
        release_garbage_collection()
        if generation != self._generation:
            return  # a newer refresh is under way
        self._show_result(result)

    def _show_result(self, result: Overview) -> None:
        if self.figure is None:  # warmed charts, while _build is still making the canvas
            QTimer.singleShot(0, self, lambda: self._show_result(result))
            return
        self.timings["compute"] = time.perf_counter() - self._started
        self.overview = result
        current = max(0, self.chart_list.currentRow())
        self.chart_list.blockSignals(True)
        self.chart_list.clear()
        for chart in result.charts:
            self.chart_list.addItem(chart.short or chart.title)
        self.chart_list.blockSignals(False)
        self.figures.setText(
            "&nbsp;&nbsp;·&nbsp;&nbsp;".join(
                f"{name}: <b>{cell_text(value)}</b>" for name, value in result.figures
            )
        )
        self.status.setText(
            f"{self.desk.region.name} · {result.quarter.label} · stand {result.as_of:%d-%m-%Y}"
        )
        self.chart_list.setCurrentRow(min(current, len(result.charts) - 1))
        self._show_chart(self.chart_list.currentRow())
        self.timings["total"] = time.perf_counter() - self._started
        self.refreshed.emit()

    def current_chart(self) -> ChartData | None:
        """The chart shown."""
        if self.overview is None or self.chart_list.currentRow() < 0:
            return None
        return self.overview.charts[self.chart_list.currentRow()]

    def _show_chart(self, row: int) -> None:
        from verzuimdesk.core.reports.drawing import draw_chart

        if self.overview is None or not 0 <= row < len(self.overview.charts):
            return
        chart = self.overview.charts[row]
        self.figure.clear()
        ax = self.figure.add_subplot(111)
        draw_chart(ax, chart)
        self.canvas.draw_idle()
        headers, rows = chart.table()
        self.numbers_model.set_rows(headers, rows)

    def export_current(self, suffix: str, path: Path | None = None) -> Path | None:
        """Save the chart shown as PNG, SVG or PDF (asks where unless *path* is given)."""
        chart = self.current_chart()
        if chart is None:
            return None
        if path is None:
            from verzuimdesk.gui.save_dialog import ask_save_path

            name = f"{chart.id}-{self.quarter.code}{suffix}"
            path = ask_save_path(
                self, "Grafiek exporteren", name, EXPORT_FORMATS[suffix], suffix=suffix
            )
            if path is None:
                return None
        try:
            self.figure.savefig(path, format=suffix.lstrip("."), dpi=150, facecolor="white")
        except OSError as exc:
            from verzuimdesk.gui import errors

            errors.show_error(self, f"De grafiek kon niet worden opgeslagen: {exc}")
            return None
        self.status.setText(f"Opgeslagen: {path}")
        return path

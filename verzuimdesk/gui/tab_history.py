"""The main window's tabs remember the order they were shown in.

Closing the tab in front returns to the one shown before it (mostly the case list), the
way a browser does. The switch happens *before* the tab is removed: removing the current
page makes Qt show its neighbour for a moment first, and that neighbour (the Overzicht
tab) then built and computed its charts in the middle of closing a case file.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabBar, QTabWidget, QWidget

__all__ = ["TabHistory"]

#: How many tabs are remembered.
REMEMBERED = 20


class TabHistory:
    """Follows which tab of ``tabs`` was shown when; :meth:`remove` closes one."""

    def __init__(self, tabs: QTabWidget) -> None:
        self.tabs = tabs
        self.shown: list[QWidget] = []
        tabs.tabBar().setSelectionBehaviorOnRemove(QTabBar.SelectionBehavior.SelectPreviousTab)
        tabs.currentChanged.connect(self._shown)
        self._shown(tabs.currentIndex())

    def _shown(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is not None:
            self.shown = [*[w for w in self.shown if w is not page][-REMEMBERED + 1 :], page]

    def remove(self, index: int) -> None:
        """Remove the tab at ``index``; when it is in front, show the one before it first."""
        widget = self.tabs.widget(index)
        if widget is not None and widget is self.tabs.currentWidget():
            back = next(
                (w for w in reversed(self.shown) if w is not widget and self.tabs.indexOf(w) >= 0),
                None,
            )
            if back is not None:
                self.tabs.setCurrentWidget(back)
        self.tabs.removeTab(self.tabs.indexOf(widget) if widget is not None else index)

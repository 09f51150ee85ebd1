"""The school list's item delegate and the school details form."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from verzuimdesk.core.services import schools
from verzuimdesk.core.services.errors import ValidationError
from verzuimdesk.gui.dialogs import field_with_error
from verzuimdesk.gui.school_calendar.year_grid import ACCENT


class SchoolItemDelegate(QStyledItemDelegate):
    """The name (bold) and sector · BRIN · municipality · pupils, each wrapped onto more
    lines when the list is too narrow (the row grows; nothing is cut off)."""

    SubtitleRole = Qt.ItemDataRole.UserRole + 1
    #: Left and right padding inside a row.
    LEFT, RIGHT = 14, 10
    TOP, GAP, BOTTOM = 7, 2, 9

    def _lines(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> list[tuple[QFont, str]]:
        name_font = QFont(option.font)
        name_font.setBold(True)
        name = index.data(Qt.ItemDataRole.DisplayRole) or ""
        return [(name_font, name), (QFont(option.font), index.data(self.SubtitleRole) or "")]

    def _width(self, option: QStyleOptionViewItem) -> int:
        width = option.rect.width()
        view = option.widget
        if width <= 0 and view is not None and hasattr(view, "viewport"):
            width = view.viewport().width()
        return max(width - self.LEFT - self.RIGHT, 40)

    @staticmethod
    def _box(font: QFont, width: int, text: str) -> Any:
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        return QFontMetrics(font).boundingRect(0, 0, width, 10_000, flags, text)

    def shown_lines(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> list[tuple[str, str]]:
        """(full text, shown text) per line: a word wider than the row is elided."""
        width = self._width(option)
        shown = []
        for font, text in self._lines(option, index):
            fits = self._box(font, width, text).width() <= width
            elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
            shown.append((text, text if fits else elided))
        return shown

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = self._width(option)
        heights = [self._box(f, width, t).height() for f, t in self._lines(option, index)]
        return QSize(200, self.TOP + sum(heights) + self.GAP + self.BOTTOM)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        painter.save()
        rect = option.rect
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor("#e8f0fe"))
            painter.fillRect(rect.x(), rect.y(), 3, rect.height(), ACCENT)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, QColor("#f8fafc"))
        painter.setPen(QColor("#f1f5f9"))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        width = self._width(option)
        top = rect.y() + self.TOP
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        shown = self.shown_lines(option, index)
        for (font, _text), (_full, text), colour in zip(
            self._lines(option, index), shown, ("#0f172a", "#64748b"), strict=True
        ):
            painter.setFont(font)
            painter.setPen(QColor(colour))
            height = self._box(font, width, text).height()
            painter.drawText(rect.x() + self.LEFT, top, width, height, flags, text)
            top += height + self.GAP
        painter.restore()


# --------------------------------------------------------------------------- dialogs


class SchoolForm(QFrame):
    """The school's details with a Dutch error message under each field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formCard")
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        #: The details as loaded (with their version): a save over a colleague's newer
        #: change of them is a conflict, not an overwrite.
        self.loaded: schools.SchoolData | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 16, 18, 16)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setHorizontalSpacing(16)
        self.form.setVerticalSpacing(8)
        outer.addLayout(self.form)
        self.name = self._field("name", "&Naam", QLineEdit())
        self.brin = self._field("brin", "&BRIN-nummer", QLineEdit())
        self.brin.setPlaceholderText("12AB of 12AB01")
        self.brin.setMaxLength(10)
        self.sector = self._field("sector", "&Sector", QComboBox())
        for key, label in schools.SECTOR_NAMES.items():
            self.sector.addItem(f"{key} — {label}", key)
        self.municipality = self._field("municipality", "&Gemeente", QLineEdit())
        self.region = self._field("vacation_region", "&Vakantieregio", QComboBox())
        for key, label in schools.REGION_NAMES.items():
            self.region.addItem(label, key)
        self.region_hint = QLabel()
        self.region_hint.setObjectName("hintLabel")
        self.region_hint.setWordWrap(True)
        self.region_hint.hide()
        self.region.parentWidget().layout().addWidget(self.region_hint)
        self.day_hours = self._field("day_hours", "&Lesuren per dag", QLineEdit())
        self.contact_name = self._field("contact_name", "&Contactpersoon", QLineEdit())
        self.contact_phone = self._field("contact_phone", "&Telefoon", QLineEdit())
        self.contact_email = self._field("contact_email", "&E-mail", QLineEdit())
        self.general = QLabel()
        self.general.setObjectName("fieldError")
        self.general.setWordWrap(True)
        self.general.hide()
        outer.addWidget(self.general)
        self.saved = QLabel()
        self.saved.setObjectName("savedMessage")
        self.saved.hide()
        outer.addWidget(self.saved)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.reset_button = QPushButton("Wijzigingen &vergeten")
        self.save_button = QPushButton("&Opslaan")
        self.save_button.setObjectName("primaryButton")
        self.save_button.setToolTip("Gegevens opslaan (Ctrl+S)")
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.save_button)
        outer.addSpacing(6)
        outer.addLayout(buttons)
        for combo in (self.sector, self.region):
            combo.setMinimumWidth(280)
            combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.sector.currentIndexChanged.connect(self._sector_changed)
        self.municipality.textChanged.connect(self._municipality_changed)
        self.region.currentIndexChanged.connect(self._municipality_changed)
        self._sector_changed()

    def _field(self, key: str, label: str, widget: QWidget) -> Any:
        box, self.errors[key] = field_with_error(widget)
        self.fields[key] = widget
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.form.addRow(caption, box)
        return widget

    def _sector_changed(self) -> None:
        hours = schools.default_day_hours(self.sector.currentData() or "VO")
        self.day_hours.setPlaceholderText(
            f"standaard {str(hours).replace('.', ',')} voor {self.sector.currentData()}"
        )

    def _municipality_changed(self) -> None:
        region = schools.region_for_municipality(self.municipality.text())
        if region is None:
            self.region_hint.setText("")
            self.region_hint.hide()
            return
        chosen = self.region.currentData()
        text = f"{self.municipality.text().strip()} ligt in vakantieregio {region}."
        if chosen != region:
            text += " Controleer de gekozen regio."
        self.region_hint.setText(text)
        self.region_hint.show()

    def load(self, data: schools.SchoolData) -> None:
        """Fill the fields (and clear any messages)."""
        self.loaded = data
        self.name.setText(data.name or "")
        self.brin.setText(data.brin or "")
        self.sector.setCurrentIndex(max(self.sector.findData(data.sector), 0))
        self.region.setCurrentIndex(max(self.region.findData(data.vacation_region), 0))
        self.municipality.setText(data.municipality or "")
        self.day_hours.setText(
            "" if data.day_hours is None else f"{data.day_hours:g}".replace(".", ",")
        )
        self.contact_name.setText(data.contact_name or "")
        self.contact_phone.setText(data.contact_phone or "")
        self.contact_email.setText(data.contact_email or "")
        self.show_errors({})

    def data(self) -> schools.SchoolData:
        """The entered values; raises :class:`ValidationError` for an unreadable day length."""
        text = self.day_hours.text().strip().replace(",", ".")
        hours: float | None = None
        if text:
            try:
                hours = float(text)
            except ValueError:
                raise ValidationError(
                    {"day_hours": "Vul het aantal lesuren per dag in als getal, bijv. 5,5."}
                ) from None
        return schools.SchoolData(
            name=self.name.text(),
            sector=self.sector.currentData(),
            vacation_region=self.region.currentData(),
            brin=self.brin.text(),
            municipality=self.municipality.text(),
            day_hours=hours,
            contact_name=self.contact_name.text(),
            contact_phone=self.contact_phone.text(),
            contact_email=self.contact_email.text(),
        )

    def show_errors(self, messages: dict[str, str]) -> None:
        """Each message under its field; others in the general label."""
        for key, label in self.errors.items():
            label.setText(messages.get(key, ""))
            label.setVisible(key in messages)
        rest = [m for k, m in messages.items() if k not in self.errors]
        self.general.setText("\n".join(rest))
        self.general.setVisible(bool(rest))
        self.saved.hide()
        first = next((k for k in self.errors if k in messages), None)
        if first is not None:
            self.fields[first].setFocus()


# --------------------------------------------------------------------------- the window

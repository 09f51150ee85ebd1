"""Printing to PDF: the case file for an overleg, and the page machinery letters share.

*Casus → Afdrukken (PDF)…* writes the case's summary — pupil (BSN masked), school,
current step, who is in regie, the timeline as a picture, open deadlines and the
events — to an A4 PDF with a header on every page (case number, *Vertrouwelijk*,
page x of n). Everything comes from :func:`verzuimdesk.core.services.queries.case_file`.

Pages are laid out by :func:`print_pages`: a :class:`QTextDocument` laid out on the
PDF writer itself (so point sizes are true), cut into pages and painted one by one with
the header and footer around each. :func:`pdf_bytes` writes into memory (a letter kept
with its case); :func:`ask_pdf_path` asks where to save, proposing a file name with the
case number only — never the pupil's name or BSN.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QPoint,
    QRectF,
    QSizeF,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QWidget

from verzuimdesk.core.forms import mask_bsn
from verzuimdesk.core.services import queries
from verzuimdesk.gui.case_file_data import timeline_data
from verzuimdesk.gui.case_file_tables import event_columns
from verzuimdesk.gui.formatting import date_short
from verzuimdesk.gui.save_dialog import ask_save_path
from verzuimdesk.gui.timeline import TimelineWidget

#: Resolution of the PDFs (dots per inch): fine print, and a crisp timeline picture.
RESOLUTION = 200
#: Page margins in millimetres (left, top, right, bottom).
MARGINS_MM = (18.0, 14.0, 18.0, 14.0)
#: Width of the timeline as rendered for the picture, in logical pixels: wide enough
#: for its labels, scaled to the text width on paper.
TIMELINE_WIDTH = 820
TIMELINE_IMAGE = "verzuimdesk://tijdlijn.png"
FONT = "DejaVu Sans"
MUTED = "#64748b"


def ask_pdf_path(parent: QWidget | None, title: str, proposed: str) -> str | None:
    """Ask where to save a PDF, proposing ``proposed`` in the user's Documents folder or the
    last folder used; None when cancelled. The name always ends in ``.pdf``."""
    path = ask_save_path(parent, title, proposed, "Pdf-bestanden (*.pdf)", suffix=".pdf")
    return None if path is None else str(path)


def new_writer(target: str | Path | QIODevice, title: str) -> QPdfWriter:
    """An A4 PDF writer with the desk's margins and resolution."""
    if isinstance(target, QIODevice):
        writer = QPdfWriter(target)
    else:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        writer = QPdfWriter(str(target))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(*MARGINS_MM), QPageLayout.Unit.Millimeter)
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator("VerzuimDesk")
    return writer


def new_document() -> QTextDocument:
    """A text document with the print font."""
    document = QTextDocument()
    font = QFont(FONT)
    font.setPointSizeF(10)
    document.setDefaultFont(font)
    return document


def print_pages(
    document: QTextDocument,
    writer: QPdfWriter,
    *,
    header: str = "",
    header_right: str = "",
    footer: str = "",
    number_pages: bool = True,
) -> int:
    """Lay ``document`` out on ``writer``'s pages and paint them with header and footer.

    :param header: text at the top left of every page (``Casus 2024-0007 · Vertrouwelijk``).
    :param header_right: text at the top right of every page.
    :param footer: text at the bottom left of every page.
    :param number_pages: "Pagina x van n" at the bottom right (only when there are
        several pages, for a letter).
    :returns: the number of pages.
    """
    document.documentLayout().setPaintDevice(writer)
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    dpi = writer.resolution()
    small = QFont(FONT)
    small.setPointSizeF(8)
    band = int(dpi * 0.32)  # room for a header or footer line (≈ 8 mm)
    top = band if header or header_right else 0
    bottom = band
    body_height = page.height() - top - bottom
    document.setPageSize(QSizeF(page.width(), body_height))
    pages = max(1, document.pageCount())
    left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
    at_top, at_bottom = Qt.AlignmentFlag.AlignTop, Qt.AlignmentFlag.AlignBottom
    painter = QPainter(writer)
    try:
        for number in range(pages):
            if number:
                writer.newPage()
            painter.setFont(small)
            painter.setPen(QColor(MUTED))
            width = page.width()
            if top:
                line = QRectF(0, 0, width, top * 0.7)
                painter.drawText(line, left | at_top, header)
                painter.drawText(line, right | at_top, header_right)
                painter.drawLine(0, int(top * 0.75), width, int(top * 0.75))
            foot = QRectF(0, page.height() - bottom * 0.75, width, bottom * 0.75)
            painter.drawText(foot, left | at_bottom, footer)
            if number_pages and (pages > 1 or top):
                painter.drawText(foot, right | at_bottom, f"Pagina {number + 1} van {pages}")
            painter.save()
            painter.translate(0, top - number * body_height)
            clip = QRectF(0, number * body_height, width, body_height)
            painter.setClipRect(clip)
            document.drawContents(painter, clip)
            painter.restore()
    finally:
        painter.end()
    return pages


def pdf_bytes(write: Callable[[QIODevice], object]) -> bytes:
    """The PDF ``write`` produces on an in-memory device."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    write(buffer)
    buffer.close()
    return bytes(data.data())


# --------------------------------------------------------------------------- the case file


def case_pdf_name(file: queries.CaseFile) -> str:
    """The proposed file name: the case number only (never the pupil's name or BSN)."""
    from verzuimdesk.core.services.documents import file_name

    return file_name("casus", file.number)


def timeline_image(file: queries.CaseFile, width: int = TIMELINE_WIDTH) -> QImage:
    """The case's timeline as a picture, the whole case fitted into ``width`` pixels."""
    widget = TimelineWidget(timeline_data(file))
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    height = max(widget.minimumSizeHint().height(), min(widget.sizeHint().height(), 360))
    widget.resize(width, height)
    widget.show()  # lays the widget out off screen
    layout = widget.layout()
    if layout is not None:
        layout.activate()
    widget.zoom_to_fit()
    legend = widget._legend  # the colour key, without the zoom buttons
    legend_height = legend.height() + 4
    canvas_height = widget.canvas.height()
    ratio = 2.0  # rendered at twice the size: sharp when printed
    image = QImage(
        int(width * ratio), int((legend_height + canvas_height) * ratio), QImage.Format.Format_RGB32
    )
    image.setDevicePixelRatio(ratio)
    image.fill(QColor("white"))
    legend.render(image, QPoint(0, 0))
    widget.canvas.render(image, QPoint(0, legend_height))
    widget.close()
    widget.deleteLater()
    return image


def _row(cells: list[str], *, head: bool = False, widths: tuple[int, ...] = ()) -> str:
    tag = "th" if head else "td"
    style = (
        "background-color:#e2e8f0; text-align:left; font-weight:bold"
        if head
        else "border-bottom:1px solid #e2e8f0"
    )
    out = []
    for i, cell in enumerate(cells):
        width = f" width='{widths[i]}%'" if i < len(widths) else ""
        wrap = " nowrap" if i == 0 else ""  # a date column never breaks
        out.append(f"<{tag}{width}{wrap} valign='top' style='{style}'>{cell}</{tag}>")
    row = "<tr>" + "".join(out) + "</tr>"
    return f"<thead>{row}</thead>" if head else row  # a header row repeats on every page


def case_file_html(file: queries.CaseFile, *, printed_on: dt.date, user: str) -> str:
    """The case summary as HTML for :class:`QTextDocument`; the BSN masked.

    The timeline picture is the document resource :data:`TIMELINE_IMAGE`.
    """
    e = html.escape
    bsn = mask_bsn(file.prefill.get("pupil.bsn")) or "—"
    week = "—" if file.week is None else str(file.week) if file.week else "weer op school"
    state = (
        f"gesloten op {date_short(file.closed_on)}: {file.outcome_name or file.outcome or ''}"
        if file.closed_on
        else "open"
    )
    facts = [
        ("Leerling", file.pupil_name),
        ("Geboortedatum", f"{date_short(file.birth_date)} ({file.age} jaar)"),
        ("BSN", bsn),
        ("Leerplicht", file.leerplicht),
        ("Gemeente", file.municipality or "—"),
        ("Ouders", file.parent or "—"),
        ("School", file.school_name or "—"),
        ("Casusnummer", file.number),
        ("Geopend", date_short(file.opened_on)),
        ("Eerste verzuimdag", date_short(file.first_absence_on) or "—"),
        ("Huidige stap", file.stage_label),
        ("In stap sinds", date_short(file.stage_entered_on) or "—"),
        ("In regie", file.regie or "—"),
        ("Lesweek", week),
        ("Inspectiecategorie", file.category or "—"),
        ("Status", state),
    ]
    parts = [
        "<html><body style=\"font-family:'DejaVu Sans',sans-serif; font-size:9.5pt;"
        ' color:#111827">',
        f"<p style='font-size:16pt; font-weight:bold; margin-bottom:0'>Casusoverzicht "
        f"{e(file.number)}</p>",
        f"<p style='color:{MUTED}; margin-top:2pt'>Vertrouwelijk — alleen voor het overleg "
        "over deze leerling. Het BSN is afgeschermd.</p>",
        "<table width='100%' cellspacing='0' cellpadding='3' bgcolor='#f1f5f9'>",
    ]
    half = (len(facts) + 1) // 2
    for left, right in zip(facts[:half], [*facts[half:], ("", "")], strict=False):
        parts.append(
            f"<tr><td width='19%' style='color:{MUTED}'>{e(left[0])}</td>"
            f"<td width='31%'><b>{e(left[1])}</b></td>"
            f"<td width='19%' style='color:{MUTED}'>{e(right[0])}</td>"
            f"<td width='31%'><b>{e(right[1])}</b></td></tr>"
        )
    parts.append("</table>")
    parts.append("<h3 style='margin-top:12pt'>Tijdlijn</h3>")
    parts.append(f"<p><img src='{TIMELINE_IMAGE}' width='{{timeline_width}}'></p>")

    parts.append("<h3 style='margin-top:10pt'>Openstaande termijnen</h3>")
    open_deadlines = file.open_deadlines
    if open_deadlines:
        parts.append("<table width='100%' cellspacing='0' cellpadding='3'>")
        parts.append(_row(["Uiterlijk", "Wat", "Wie"], head=True, widths=(16, 60, 24)))
        for d in open_deadlines:
            due = e(date_short(d.due_on))
            if d.overdue:
                due = f"<b style='color:#b91c1c'>{due} (verlopen)</b>"
            parts.append(_row([due, e(d.what), e(d.role)]))
        parts.append("</table>")
    else:
        parts.append(f"<p style='color:{MUTED}'>Geen openstaande termijnen.</p>")

    parts.append("<h3 style='margin-top:10pt'>Gebeurtenissen</h3>")
    if file.events:
        describe = event_columns()[3].text
        parts.append("<table width='100%' cellspacing='0' cellpadding='3'>")
        parts.append(
            _row(["Datum", "Soort", "Wie", "Omschrijving"], head=True, widths=(13, 16, 12, 59))
        )
        for ev in file.events:
            text = e(describe(ev))
            if ev.document_name:
                text += f"<br><span style='color:{MUTED}'>bijlage: {e(ev.document_name)}</span>"
            parts.append(_row([e(date_short(ev.on)), e(ev.kind_name), e(ev.author), text]))
        parts.append("</table>")
    else:
        parts.append(f"<p style='color:{MUTED}'>Nog geen gebeurtenissen.</p>")
    parts.append(
        f"<p style='color:{MUTED}; font-size:8pt; margin-top:14pt'>Afgedrukt op "
        f"{e(date_short(printed_on))} door {e(user)} met VerzuimDesk.</p></body></html>"
    )
    return "".join(parts)


def write_case_pdf(
    file: queries.CaseFile,
    target: str | Path | QIODevice,
    *,
    user: str,
    printed_on: dt.date | None = None,
) -> int:
    """Write the case summary to ``target`` (a path or a device); returns the page count."""
    printed_on = printed_on or file.today
    writer = new_writer(target, f"Casusoverzicht {file.number}")
    document = new_document()
    document.documentLayout().setPaintDevice(writer)
    page_width = writer.pageLayout().paintRectPixels(writer.resolution()).width()
    image = timeline_image(file)
    document.addResource(
        QTextDocument.ResourceType.ImageResource.value, QUrl(TIMELINE_IMAGE), image
    )
    # Image sizes in a document are in 96-dpi pixels, scaled to the writer's resolution.
    text_width = int((page_width - 2 * document.documentMargin()) * 96 / writer.resolution())
    document.setHtml(
        case_file_html(file, printed_on=printed_on, user=user).replace(
            "{timeline_width}", str(text_width)
        )
    )
    pages = print_pages(
        document,
        writer,
        header=f"Casus {file.number} · Vertrouwelijk",
        header_right=f"Casusoverzicht, {date_short(printed_on)}",
        footer="Vertrouwelijk: niet verder verspreiden.",
    )
    del writer  # flushes and closes the file
    return pages

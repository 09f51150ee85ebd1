"""Reading the tables users have: CSV (``;`` or ``,``, UTF-8 or Windows-1252) and XLSX.

One reader for every import (and for ``verzuimdesk signals``): a file is opened as a
:class:`TableFile` whose header is read at once and whose rows are streamed, so a file of a
million rows is never held in memory. Every problem a user can cause becomes a
:class:`ImportFileError` with a Dutch message.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

#: The csv module's field limit, raised so one long cell is a refused row, not a crash.
FIELD_LIMIT = 1 << 20
#: Bytes sniffed for the encoding and the delimiter.
SNIFF_BYTES = 64 * 1024
#: Delimiters a Dutch CSV may use, most likely first.
DELIMITERS = (";", ",", "\t")

csv.field_size_limit(FIELD_LIMIT)


class ImportFileError(Exception):
    """A file cannot be read as a table; ``message`` is Dutch, fit to show as-is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def detect_encoding(sample: bytes) -> str:
    """``utf-8-sig`` for UTF-8 (with or without BOM), else ``cp1252`` (Excel on Windows).

    A sample cut in the middle of a multi-byte character still counts as UTF-8.
    """
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def detect_delimiter(text: str) -> str:
    """The delimiter of a CSV sample: the one that splits the first lines most evenly."""
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    if not lines:
        return ";"
    best, best_score = ";", -1
    for delimiter in DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        if not counts or counts[0] < 2:
            continue
        score = counts[0] * 10 + sum(1 for c in counts if c == counts[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


@dataclass
class TableFile:
    """An open table file: its header, what it is, and a stream of its rows.

    :param path: the file.
    :param kind: ``csv`` or ``xlsx``.
    :param encoding: the text encoding of a CSV (``utf-8-sig`` or ``cp1252``).
    :param delimiter: the delimiter of a CSV.
    :param header: the column names of the first non-empty row, stripped.
    :param size: the file size in bytes (for progress).
    """

    path: Path
    kind: str
    encoding: str = ""
    delimiter: str = ""
    header: list[str] = field(default_factory=list)
    size: int = 0
    sheet: str = ""
    #: The number of rows an XLSX sheet declares (for progress).
    xlsx_rows: int = 0
    _where: Callable[[], float] = field(default=lambda: 0.0, repr=False)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """Yield ``(line number, cells)`` of every row after the header, cells as text.

        Line numbers are the file's (1 = the header of a CSV without empty lines), so a
        user finds a refused row in a text editor or in Excel.
        """
        if self.kind == "xlsx":
            yield from _xlsx_rows(self.path, self.sheet, skip_header=True)
            return
        yield from _csv_rows(self.path, self.encoding, self.delimiter, skip_header=True)

    def rows_with_progress(self) -> Iterator[tuple[int, list[str]]]:
        """Like :meth:`rows`; meanwhile :meth:`read_fraction` tells how far the stream is."""
        if self.kind == "xlsx":
            total = max(self.xlsx_rows, 1)
            for line, cells in self.rows():

                def where(line: int = line) -> float:
                    return min(line / total, 1.0)

                self._where = where
                yield line, cells
            return
        size = max(self.size, 1)
        with open(self.path, "rb") as raw:
            self._where = lambda: min(raw.tell() / size, 1.0)
            text = io.TextIOWrapper(raw, encoding=self.encoding, newline="")
            reader = csv.reader(text, delimiter=self.delimiter)
            header_seen = False
            try:
                for cells in reader:
                    if not any(cells):
                        continue
                    if not header_seen:
                        header_seen = True
                        continue
                    yield reader.line_num, cells
            except (csv.Error, UnicodeDecodeError) as exc:
                raise _dutch(exc) from exc

    def read_fraction(self) -> float:
        """How much of the file :meth:`rows_with_progress` has read (0…1)."""
        return self._where()


def _dutch(exc: Exception) -> ImportFileError:
    """A csv or decoding error as :class:`ImportFileError` with a Dutch message."""
    if isinstance(exc, UnicodeDecodeError):
        return ImportFileError(
            "Het bestand bevat tekens die niet als tekst te lezen zijn; "
            "sla het op als CSV (UTF-8) of als Excel-werkmap."
        )
    if "field larger than field limit" in str(exc):
        return ImportFileError(
            f"Een cel in dit bestand is langer dan {FIELD_LIMIT // 1024} kB; "
            "dit is geen exportbestand van verzuim."
        )
    return ImportFileError(f"Het bestand is geen leesbare CSV ({exc}).")


def _guarded(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    """The csv reader's rows; its errors become :class:`ImportFileError` in Dutch."""
    try:
        yield from reader
    except (csv.Error, UnicodeDecodeError) as exc:
        raise _dutch(exc) from exc


def _csv_rows(
    path: Path, encoding: str, delimiter: str, *, skip_header: bool
) -> Iterator[tuple[int, list[str]]]:
    with open(path, encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        header_seen = not skip_header
        for cells in _guarded(reader):
            if not any(c.strip() for c in cells):
                continue
            if not header_seen:
                header_seen = True
                continue
            yield reader.line_num, cells


def _cell_text(value: object) -> str:
    """An XLSX cell as the text a CSV export would have (dates as dd-mm-jjjj)."""
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%d-%m-%Y")
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",") if value != int(value) else str(int(value))
    return str(value)


def _xlsx_rows(path: Path, sheet: str, *, skip_header: bool) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zip, xml and openpyxl errors alike
        raise ImportFileError(
            "Dit Excel-bestand kan niet worden gelezen; is het een .xlsx-werkmap?"
        ) from exc
    try:
        ws = book[sheet] if sheet else book.worksheets[0]
        header_seen = not skip_header
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in values]
            if not any(c.strip() for c in cells):
                continue
            if not header_seen:
                header_seen = True
                continue
            yield number, cells
    finally:
        book.close()


def open_table(path: Path | str) -> TableFile:
    """Open ``path`` as a table: detect CSV or XLSX, encoding and delimiter; read the header.

    Raises :class:`ImportFileError` for a missing, empty or unreadable file.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            sample = handle.read(SNIFF_BYTES)
    except FileNotFoundError as exc:
        raise ImportFileError(f"Het bestand {path.name} bestaat niet.") from exc
    except IsADirectoryError as exc:
        raise ImportFileError(f"{path.name} is een map, geen bestand.") from exc
    except OSError as exc:
        raise ImportFileError(f"Het bestand {path.name} kan niet worden gelezen: {exc}.") from exc
    if not sample.strip(b" \r\n\t\xef\xbb\xbf"):
        raise ImportFileError(f"Het bestand {path.name} is leeg.")
    if sample.startswith(b"PK\x03\x04"):
        table = TableFile(path, "xlsx", size=size)
        for _line, cells in _xlsx_rows(path, "", skip_header=False):
            table.header = [c.strip() for c in cells]
            break
        else:
            raise ImportFileError(f"Het bestand {path.name} is leeg.")
        table.xlsx_rows = _xlsx_dimension(path)
        return table
    if b"\x00" in sample:
        raise ImportFileError(
            f"{path.name} is geen tekst- of Excel-bestand; exporteer als CSV of .xlsx."
        )
    encoding = detect_encoding(sample)
    text = sample.decode(encoding, errors="ignore")
    delimiter = detect_delimiter(text)
    table = TableFile(path, "csv", encoding=encoding, delimiter=delimiter, size=size)
    for _line, cells in _csv_rows(path, encoding, delimiter, skip_header=False):
        table.header = [c.strip() for c in cells]
        break
    return table


def _xlsx_dimension(path: Path) -> int:
    """The number of rows an XLSX's first sheet declares (0 when it does not say)."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        return int(book.worksheets[0].max_row or 0)
    except (TypeError, ValueError):
        return 0
    finally:
        book.close()

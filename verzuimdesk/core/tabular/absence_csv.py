"""Read an absence CSV (``leerling,datum,uren,soort``) columnar, with Dutch messages per line.

The file is read with pyarrow's CSV reader in blocks and every block is turned at once
into compact numpy columns (pupil position, date ordinal, hour units, kind code, line
number). Each distinct cell text is parsed once with :mod:`.dutch_values` (a region's
2.4 million rows hold a few hundred distinct dates, hours and kinds), so the Dutch
readings cost nothing per row. Files pyarrow cannot map back to line numbers exactly
(quoted fields, old Mac line ends, a blank-looking line before the header) are read
with the standard ``csv`` module instead, into the same columns.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from verzuimdesk.core.rules.calendar import MAX_YEAR, MIN_YEAR
from verzuimdesk.core.rules.record_columns import KIND_CODES, UNITS_PER_HOUR
from verzuimdesk.core.rules.types import AbsenceKind
from verzuimdesk.core.tabular.dutch_values import (
    decode_text,
    parse_dutch_date,
    parse_hours,
    parse_kind,
)

__all__ = [
    "FIELD_LIMIT",
    "MAX_HOURS_PER_RECORD",
    "REQUIRED_COLUMNS",
    "AbsenceColumns",
    "UnusableFile",
    "read_absence_csv",
    "read_file_text",
]

#: Columns the absence CSV must have (docs/cli.md).
REQUIRED_COLUMNS: tuple[str, ...] = ("leerling", "datum", "uren", "soort")
#: More than this many hours on one record is a malformed row.
MAX_HOURS_PER_RECORD = 24.0
#: A longer cell means the file is not an absence CSV (the ``csv`` module's own limit).
FIELD_LIMIT = 131_072
#: pyarrow reads the file in blocks of this many bytes.
BLOCK_SIZE = 1 << 22

_TE_LAAT = KIND_CODES[AbsenceKind.TE_LAAT]


class UnusableFile(Exception):
    """The file cannot be used at all (exit 2); ``str()`` is the Dutch one-line message."""


@dataclass
class AbsenceColumns:
    """The usable rows of an absence CSV as parallel numpy columns, and the refused rows.

    ``pupils[pupil[r]]`` is the key of row *r*; ``ords`` date ordinals, ``units`` hours in
    whole seconds, ``hours`` the hours as read, ``kinds`` kind codes, ``lines`` the line
    number in the file. ``errors`` are (line, Dutch reason) of rows that were left out.
    """

    pupils: list[str] = field(default_factory=list)
    pupil: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))
    ords: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))
    units: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))
    hours: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros(0, np.float64))
    kinds: npt.NDArray[np.int8] = field(default_factory=lambda: np.zeros(0, np.int8))
    lines: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))
    errors: list[tuple[int, str]] = field(default_factory=list)
    encoding: str = "UTF-8"

    def __len__(self) -> int:
        return len(self.ords)


def read_file_text(path: str | Path, what: str) -> tuple[bytes, str]:
    """The file's bytes as UTF-8 (BOM dropped) and its encoding name.

    Raises :class:`UnusableFile` when the file cannot be read.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise UnusableFile(f"{what} niet gevonden: {path}") from None
    except IsADirectoryError:
        raise UnusableFile(f"{what} is een map, geen bestand: {path}") from None
    except PermissionError:
        raise UnusableFile(f"{what} kan niet worden gelezen (geen toegang): {path}") from None
    except OSError as exc:
        raise UnusableFile(f"{what} kan niet worden gelezen: {path} ({exc.strerror})") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        if data.isascii():
            return data, "UTF-8"
        data.decode("utf-8")
        return data, "UTF-8"
    except UnicodeDecodeError:
        text, encoding = decode_text(data)
        return text.encode("utf-8"), encoding


# --------------------------------------------------------------------------- cell parsers


def _date_value(text: str) -> tuple[int, str | None]:
    """(ordinal, None) or (0, the Dutch reason) for one date cell."""
    value = text.strip()
    try:
        date = parse_dutch_date(value)
    except ValueError:
        return 0, f"ongeldige datum ‘{value}’ (verwacht DD-MM-JJJJ of JJJJ-MM-DD)"
    if not MIN_YEAR <= date.year <= MAX_YEAR:
        return 0, f"datum ‘{value}’ buiten {MIN_YEAR}–{MAX_YEAR}"
    return date.toordinal(), None


def _kind_value(text: str) -> tuple[int, str | None]:
    """(kind code, None) or (-1, the Dutch reason) for one kind cell."""
    try:
        return KIND_CODES[AbsenceKind(parse_kind(text))], None
    except ValueError:
        kinds = ", ".join(k.value for k in AbsenceKind)
        return -1, f"onbekende soort ‘{text.strip()}’ (kies uit {kinds})"


def _hours_value(text: str) -> tuple[float, str | None]:
    """(hours, None), (nan, None) for an empty cell, or (0, the Dutch reason)."""
    value = text.strip()
    if not value:
        return float("nan"), None
    try:
        hours = parse_hours(value)
    except ValueError:
        return 0.0, f"ongeldig aantal uren ‘{value}’"
    if hours < 0:
        return 0.0, f"negatief aantal uren ‘{value}’"
    if hours > MAX_HOURS_PER_RECORD:
        return 0.0, f"meer dan {MAX_HOURS_PER_RECORD:g} uur op één dag ‘{value}’"
    return hours, None


# --------------------------------------------------------------------------- the reader


class _Builder:
    """Turns blocks of four string columns into the compact columns, cell texts parsed once."""

    def __init__(self) -> None:
        self.pupil_pos: dict[str, int] = {}
        self.dates: dict[str, tuple[int, str | None]] = {}
        self.kinds: dict[str, tuple[int, str | None]] = {}
        self.hours: dict[str, tuple[float, str | None]] = {}
        self.parts: list[tuple[np.ndarray, ...]] = []
        self.errors: list[tuple[int, str]] = []

    def add(self, columns: Sequence[Any], lines: npt.NDArray[np.int32]) -> None:
        """Add one block: pyarrow string arrays leerling, datum, uren, soort; their lines."""
        import pyarrow.compute as pc

        if len(lines) == 0:
            return
        for column in columns:
            if (pc.max(pc.binary_length(column)).as_py() or 0) <= FIELD_LIMIT:
                continue  # (bytes >= characters)
            lengths = pc.utf8_length(column)
            if (pc.max(lengths).as_py() or 0) > FIELD_LIMIT:
                at = int(np.argmax(lengths.to_numpy(zero_copy_only=False)))
                raise UnusableFile(
                    f"regel {int(lines[at])}: een veld is langer dan {FIELD_LIMIT} tekens;"
                    " is dit wel een CSV met verzuim (leerling,datum,uren,soort)?"
                )
        pupil_col, date_col, hours_col, kind_col = columns
        pupil_idx, pupil_texts, pupil_blank = _encode(pupil_col)
        pupil_texts = [t.strip() for t in pupil_texts]
        date_idx, date_texts, date_blank = _encode(date_col)
        hours_idx, hours_texts, hours_blank = _encode(hours_col)
        kind_idx, kind_texts, kind_blank = _encode(kind_col)
        date_vals = [_cached(self.dates, t, _date_value) for t in date_texts]
        hours_vals = [_cached(self.hours, t, _hours_value) for t in hours_texts]
        kind_vals = [_cached(self.kinds, t, _kind_value) for t in kind_texts]

        empty_pupil = pupil_blank[pupil_idx]
        ords = np.array([v[0] for v in date_vals], dtype=np.int32)[date_idx]
        date_err = np.array([v[1] is not None for v in date_vals], dtype=bool)[date_idx]
        kind = np.array([v[0] for v in kind_vals], dtype=np.int8)[kind_idx]
        kind_err = np.array([v[1] is not None for v in kind_vals], dtype=bool)[kind_idx]
        hours = np.array([v[0] for v in hours_vals], dtype=np.float64)[hours_idx]
        hours_err = np.array([v[1] is not None for v in hours_vals], dtype=bool)[hours_idx]
        missing = np.isnan(hours)
        # te_laat counts occurrences: its hours may be left empty (0 hours).
        hours = np.where(missing & (kind == _TE_LAAT), 0.0, hours)
        missing &= kind != _TE_LAAT
        # Rows whose every cell is blank are skipped, as blank lines are.
        all_blank = (
            empty_pupil & date_blank[date_idx] & hours_blank[hours_idx] & kind_blank[kind_idx]
        )
        bad = empty_pupil | date_err | kind_err | hours_err | missing
        for r in np.flatnonzero(bad & ~all_blank).tolist():
            if empty_pupil[r]:
                reason = "leerling ontbreekt"
            elif date_err[r]:
                reason = str(date_vals[date_idx[r]][1])
            elif kind_err[r]:
                reason = str(kind_vals[kind_idx[r]][1])
            elif missing[r]:
                reason = "uren ontbreken"
            else:
                reason = str(hours_vals[hours_idx[r]][1])
            self.errors.append((int(lines[r]), reason))
        ok = ~bad
        positions = np.array(
            [self.pupil_pos.setdefault(t, len(self.pupil_pos)) for t in pupil_texts],
            dtype=np.int32,
        )
        self.parts.append(
            (positions[pupil_idx[ok]], ords[ok], hours[ok], kind[ok], lines[ok].astype(np.int32))
        )

    def finish(self, encoding: str) -> AbsenceColumns:
        """The columns of every block, with doubled rows (pupil, date, kind) refused."""
        if self.parts:
            pupil, ords, hours, kinds, lines = (
                np.concatenate(c) for c in zip(*self.parts, strict=True)
            )
        else:
            pupil, ords = np.zeros(0, np.int32), np.zeros(0, np.int32)
            hours, kinds = np.zeros(0, np.float64), np.zeros(0, np.int8)
            lines = np.zeros(0, np.int32)
        self.parts = []
        pupils = list(self.pupil_pos)
        doubled = _doubled_rows(pupils, pupil, ords, kinds, lines, self.errors)
        if doubled is not None:
            keep = ~doubled
            pupil, ords, hours = pupil[keep], ords[keep], hours[keep]
            kinds, lines = kinds[keep], lines[keep]
        units = np.rint(hours * UNITS_PER_HOUR).astype(np.int32)  # at most 24 h: 86,400 s
        self.errors.sort()
        return AbsenceColumns(
            pupils, pupil, ords, units, hours, kinds, lines, self.errors, encoding
        )


def _encode(column: Any) -> tuple[np.ndarray, list[str], npt.NDArray[np.bool_]]:
    """Dictionary-encode a string column: row indices, the distinct texts, which are blank."""
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(column)
    if hasattr(encoded, "combine_chunks"):
        encoded = encoded.combine_chunks()
    texts: list[str] = encoded.dictionary.to_pylist()
    blank = np.array([not t.strip() for t in texts], dtype=bool)
    return encoded.indices.to_numpy(zero_copy_only=False), texts, blank


def _cached(cache: dict[str, Any], text: str, parse: Callable[[str], Any]) -> Any:
    """``parse(text)``, each distinct text parsed once per file."""
    got = cache.get(text)
    if got is None:
        got = cache[text] = parse(text)
    return got


def _doubled_rows(
    pupils: list[str],
    pupil: np.ndarray,
    ords: np.ndarray,
    kinds: np.ndarray,
    lines: np.ndarray,
    errors: list[tuple[int, str]],
) -> npt.NDArray[np.bool_] | None:
    """Mark every row after the first for one pupil, date and kind; report each one.

    One record per pupil, schooldag and kind (rules.md §2): a second row is the school's
    export doubling a row, or two rows meaning different things. Never summed.
    """
    if len(pupil) < 2:
        return None
    # One sortable key per row: pupil, date, kind (rows are in line order: a stable sort
    # keeps the first row of each key first).
    span = int(ords.max()) - int(ords.min()) + 1
    key = (pupil.astype(np.int64) * span + (ords - ords.min())) * 8 + kinds
    order = np.argsort(key, kind="stable")
    p, o, k = pupil[order], ords[order], kinds[order]
    same = (p[1:] == p[:-1]) & (o[1:] == o[:-1]) & (k[1:] == k[:-1])
    if not same.any():
        return None
    import datetime as dt

    doubled = np.zeros(len(pupil), dtype=bool)
    starts_group = np.concatenate(([True], ~same))
    group_first = np.maximum.accumulate(np.where(starts_group, np.arange(len(p)), 0))
    kind_names = {code: kind.value for kind, code in KIND_CODES.items()}
    for j in (np.flatnonzero(same) + 1).tolist():
        row = int(order[j])
        first = int(lines[order[group_first[j]]])
        doubled[row] = True
        day = dt.date.fromordinal(int(o[j])).isoformat()
        errors.append(
            (
                int(lines[row]),
                f"leerling ‘{pupils[int(p[j])]}’ heeft op {day} al ‘{kind_names[int(k[j])]}’ op "
                f"regel {first}; dubbele regels worden niet opgeteld (regel {first} telt)",
            )
        )
    return doubled


# --------------------------------------------------------------------------- reading


def read_absence_csv(path: str | Path) -> AbsenceColumns:
    """Read the absence CSV at *path* into :class:`AbsenceColumns`.

    UTF-8 (with or without BOM) or Windows-1252; ``,`` or ``;``; the header
    ``leerling,datum,uren,soort`` (any order, other columns ignored). Raises
    :class:`UnusableFile` with a one-line Dutch message when the file cannot be used.
    """
    data, encoding = read_file_text(path, "bestand")
    holder = [data]
    del data
    return _read_blocks(holder).finish(encoding)


def read_absence_bytes(data: bytes, encoding: str = "UTF-8") -> AbsenceColumns:
    """Read absence CSV *data* (UTF-8 bytes without BOM); see :func:`read_absence_csv`."""
    return _read_blocks([data]).finish(encoding)


def _read_blocks(holder: list[bytes]) -> _Builder:
    """Read the file in ``holder[0]`` into a builder; the bytes are dropped before it returns
    (the caller keeps no reference), so they are gone when the columns are joined."""
    data = holder.pop()
    header_line = next((ln for ln in data[:65536].split(b"\n") if ln.strip()), b"")
    delimiter = ";" if header_line.count(b";") > header_line.count(b",") else ","
    builder = _Builder()
    if _pyarrow_can_read(data):
        simple = _simple_line_map(data, delimiter)
        try:
            if simple is not None:
                try:
                    header, first_line = simple
                    _check_header(header)
                    _read_with_pyarrow(data, delimiter, header, first_line, builder)
                    return builder
                except _NotExact:
                    builder = _Builder()
            mapped = _line_map(data, delimiter)
            if mapped is not None:
                header, row_lines, wrong = mapped
                _check_header(header)
                builder.errors.extend(wrong)
                _read_with_pyarrow(data, delimiter, header, row_lines, builder)
                return builder
        except _NotExact:
            builder = _Builder()
    _read_with_csv_module(data, delimiter, builder)
    return builder


def _pyarrow_can_read(data: bytes) -> bool:
    """True when every row of *data* is one line: no quotes, no carriage return alone."""
    if b'"' in data or not data or data.isspace():
        return False
    crs = data.count(b"\r")
    return not crs or crs == data.count(b"\r\n") + data.endswith(b"\r")


def _simple_line_map(data: bytes, delimiter: str) -> tuple[list[str], int] | None:
    """The header and the line of the first data row, when every later line is one row.

    That holds for a file without empty lines after the header (and, checked while
    reading, without rows of the wrong length): then row *r* is on line first + *r*.
    """
    lines_before = 0
    pos = 0
    while True:
        end = data.find(b"\n", pos)
        line = data[pos:] if end < 0 else data[pos:end]
        if line.rstrip(b"\r"):
            break
        if end < 0:
            return None
        lines_before += 1
        pos = end + 1
    if data.find(b"\n\n", pos) >= 0 or data.find(b"\n\r\n", pos) >= 0:
        return None
    text = line.rstrip(b"\r").decode("utf-8")
    if not text.replace(delimiter, "").strip():
        return None
    return text.split(delimiter), lines_before + 2


class _NotExact(Exception):
    """pyarrow's rows did not line up with the lines found: read with the csv module."""


def _check_header(header: list[str]) -> dict[str, int]:
    """The position of each required column; :class:`UnusableFile` when one is missing."""
    names = [c.strip().lower() for c in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise UnusableFile(
            f"kopregel moet ‘{','.join(REQUIRED_COLUMNS)}’ zijn (ontbreekt: {', '.join(missing)})"
        )
    return {c: names.index(c) for c in REQUIRED_COLUMNS}


def _line_map(
    data: bytes, delimiter: str
) -> tuple[list[str], npt.NDArray[np.int32], list[tuple[int, str]]] | None:
    """For a file without quotes: the header, the line of each data row pyarrow will read,
    and the rows with a wrong number of columns. None when the file needs the csv module."""
    if b'"' in data or not data or data.isspace():
        return None
    buf = np.frombuffer(data, dtype=np.uint8)
    newlines = np.flatnonzero(buf == 10)
    n_cr = int(np.count_nonzero(buf == 13))
    if n_cr:
        ending = newlines[newlines > 0] - 1
        if n_cr != int(np.count_nonzero(buf[ending] == 13)) + data.endswith(b"\r"):
            return None  # carriage returns that do not end a line
    starts = np.concatenate(([0], newlines + 1))
    ends = np.concatenate((newlines, [len(buf)]))
    if starts[-1] >= len(buf):  # the file ends with a newline: no last line
        starts, ends = starts[:-1], ends[:-1]
    cr = np.zeros(len(ends), dtype=bool)
    has = ends > starts
    cr[has] = buf[ends[has] - 1] == 13
    empty = (ends - starts - cr) == 0
    separators = np.flatnonzero(buf == ord(delimiter))
    fields = np.searchsorted(separators, ends) - np.searchsorted(separators, starts) + 1

    def line_text(i: int) -> str:
        return bytes(buf[starts[i] : ends[i] - int(cr[i])]).decode("utf-8")

    def blank(i: int) -> bool:  # nothing but spaces, tabs and separators
        return not line_text(i).replace(delimiter, "").strip()

    candidates = np.flatnonzero(~empty)
    if len(candidates) == 0:
        return None
    h = int(candidates[0])
    if blank(h):
        return None
    header = line_text(h).split(delimiter)
    ncols = len(header)
    after = np.arange(len(starts)) > h
    rows = after & ~empty & (fields == ncols)
    wrong = [
        (i + 1, f"verwacht {ncols} kolommen, gevonden {int(fields[i])}")
        for i in np.flatnonzero(after & ~empty & (fields != ncols)).tolist()
        if not blank(i)
    ]
    return header, (np.flatnonzero(rows) + 1).astype(np.int32), wrong


def _read_with_pyarrow(
    data: bytes,
    delimiter: str,
    header: list[str],
    row_lines: npt.NDArray[np.int32] | int,
    builder: _Builder,
) -> None:
    """Stream the file through pyarrow's CSV reader into *builder*, block by block.

    *row_lines*: the line of every data row, or the line of the first one when every
    later line is a row (then a row of the wrong length raises :class:`_NotExact`).
    """
    import pyarrow as pa
    from pyarrow import csv as pacsv

    invalid: list[int] = []

    def on_invalid(_row: Any) -> str:
        invalid.append(1)
        return "skip"

    index = _check_header(header)
    names = [f"c{i}" for i in range(len(header))]
    wanted = [names[index[c]] for c in REQUIRED_COLUMNS]
    try:
        reader = pacsv.open_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(
                column_names=names, skip_rows=0, block_size=BLOCK_SIZE, use_threads=True
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter,
                quote_char=False,
                ignore_empty_lines=True,
                invalid_row_handler=on_invalid,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                include_columns=wanted,
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
        done = -1  # the header comes back as the first row (column names are given)
        for batch in reader:
            n = batch.num_rows
            columns = [batch.column(name) for name in wanted]
            if done < 0:
                columns = [c.slice(1) for c in columns]
                n -= 1
                done = 0
            if isinstance(row_lines, int):
                if invalid:
                    raise _NotExact
                lines = np.arange(row_lines + done, row_lines + done + n, dtype=np.int32)
            elif done + n > len(row_lines):
                raise _NotExact
            else:
                lines = row_lines[done : done + n]
            builder.add(columns, lines)
            done += n
        if isinstance(row_lines, int):
            if invalid:
                raise _NotExact
        elif done != len(row_lines):
            raise _NotExact
    except pa.ArrowInvalid:
        raise _NotExact from None


def _read_with_csv_module(data: bytes, delimiter: str, builder: _Builder) -> None:
    """Read the file with the standard csv module (quotes, odd line ends) into *builder*."""
    import pyarrow as pa

    text = data.decode("utf-8")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    index: dict[str, int] | None = None
    ncols = 0
    cells: list[list[str]] = [[], [], [], []]
    lines: list[int] = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if index is None:
                index = _check_header(row)
                ncols = len(row)
                continue
            if len(row) != ncols:
                builder.errors.append((line, f"verwacht {ncols} kolommen, gevonden {len(row)}"))
                continue
            for target, column in zip(cells, REQUIRED_COLUMNS, strict=True):
                target.append(row[index[column]])
            lines.append(line)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise UnusableFile(
                f"regel {reader.line_num}: een veld is langer dan {FIELD_LIMIT} tekens;"
                " is dit wel een CSV met verzuim (leerling,datum,uren,soort)?"
            ) from None
        raise UnusableFile(
            f"bestand is geen leesbare CSV (regel {reader.line_num}): {exc}"
        ) from None
    if index is None:
        raise UnusableFile("bestand is leeg (kopregel leerling,datum,uren,soort ontbreekt)")
    builder.add([pa.array(c, type=pa.string()) for c in cells], np.array(lines, dtype=np.int32))

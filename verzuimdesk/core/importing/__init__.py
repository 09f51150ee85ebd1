"""Importing exports of school administration systems (Magister, Somtoday, ParnasSys).

Pure Python, no Qt: the import wizard (``verzuimdesk.gui.import_wizard``) and the
``verzuimdesk import`` command both call :func:`run_import`.

- :mod:`.reader` — CSV/XLSX, encodings and delimiters, streamed rows;
- :mod:`verzuimdesk.core.tabular.dutch_values` — Dutch dates, decimal commas, kinds
  of absence (the one reader of Dutch values, shared with `verzuimdesk signals`);
- :mod:`.mapping` — which column is what (:class:`Mapping`), guessed from the header;
- :mod:`.store` — mappings saved per school in the case base;
- :mod:`.absences`, :mod:`.roster` — the imports of absences, pupils and schools;
- :mod:`.recompute` — signals and deadlines once per pupil afterwards;
- :mod:`.report` — what an import did.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Unpack

from verzuimdesk.core.importing.absences import import_absences
from verzuimdesk.core.importing.common import CancelCheck, ImportOptions, Progress
from verzuimdesk.core.importing.mapping import Mapping, guess_mapping
from verzuimdesk.core.importing.people import NewPupil
from verzuimdesk.core.importing.reader import ImportFileError, TableFile, open_table
from verzuimdesk.core.importing.report import (
    ImportCancelled,
    ImportReport,
    MappingError,
    Refusal,
    UnknownPupil,
)
from verzuimdesk.core.importing.roster import import_pupils, import_schools

if TYPE_CHECKING:
    from collections.abc import Sequence

    from verzuimdesk.core.desk import Desk

__all__ = [
    "CancelCheck",
    "ImportCancelled",
    "ImportFileError",
    "ImportOptions",
    "ImportReport",
    "Mapping",
    "MappingError",
    "NewPupil",
    "Progress",
    "Refusal",
    "TableFile",
    "UnknownPupil",
    "guess_mapping",
    "import_absences",
    "import_pupils",
    "import_schools",
    "open_table",
    "run_import",
]


def run_import(
    desk: Desk,
    path: Path | str,
    mapping: Mapping,
    *,
    create: Sequence[NewPupil] = (),
    **options: Unpack[ImportOptions],
) -> ImportReport:
    """Run the import ``mapping.target`` says (absences, pupils or schools).

    ``create`` (absences only): the unknown pupils the user chose to create. The options
    are :class:`ImportOptions`'s; ``notify=False`` leaves telling the open views to the
    caller (``report.publish``), for a caller that runs the import on a worker thread.
    """
    if mapping.target == "pupils":
        return import_pupils(desk, path, mapping, **options)
    if mapping.target == "schools":
        return import_schools(desk, path, mapping, **options)
    return import_absences(desk, path, mapping, create=create, **options)

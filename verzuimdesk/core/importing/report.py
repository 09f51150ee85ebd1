"""What an import did, for the wizard's last page and the command line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from verzuimdesk.core.desk import Desk

#: At most this many refused rows are kept with their line and reason (the rest counted).
MAX_LISTED = 2000


class ImportCancelled(Exception):
    """The user cancelled the import; nothing was changed."""


class MappingError(Exception):
    """The mapping does not fit the file; ``problems`` are Dutch sentences."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Refusal:
    """A row that was not imported: its line in the file and why (Dutch)."""

    line: int
    reason: str


@dataclass
class UnknownPupil:
    """A pupil key in the file that matches no pupil in the case base.

    :param key: the leerlingnummer or BSN as the file has it.
    :param by: ``pupil_number`` or ``bsn``.
    """

    key: str
    by: str
    first_name: str = ""
    last_name: str = ""
    birth_date: dt.date | None = None
    first_line: int = 0
    rows: int = 0

    @property
    def name(self) -> str:
        """The name as shown in the list of pupils to create."""
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def can_create(self) -> bool:
        """True when the file gives enough to create the pupil (name and birth date)."""
        return bool(self.last_name) and self.birth_date is not None


@dataclass
class ImportReport:
    """Counts of the rows of one import, and the refused rows with their line numbers.

    Rows are the file's rows; one absence record of the desk may come from several
    rows (one per lesson), which then share its fate.
    """

    file_name: str = ""
    target: str = "absences"
    rows_read: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    ignored: int = 0
    refused_count: int = 0
    refused: list[Refusal] = field(default_factory=list)
    not_found_rows: int = 0
    not_found: list[UnknownPupil] = field(default_factory=list)
    records_new: int = 0
    records_updated: int = 0
    records_unchanged: int = 0
    pupils_created: int = 0
    pupils_recomputed: int = 0
    committed: bool = False
    #: A check (dry run): the counts say what an import would do.
    dry_run: bool = False
    seconds: float = 0.0
    #: What a committed import changed, for the change notification (``notify``).
    change_kind: str = ""
    changed_pupils: frozenset[int] = frozenset()
    changed_cases: frozenset[int] | None = frozenset()

    def refuse(self, line: int, reason: str, rows: int = 1) -> None:
        """Count ``rows`` refused rows, and list the first :data:`MAX_LISTED` of them."""
        self.refused_count += rows
        if len(self.refused) < MAX_LISTED:
            self.refused.append(Refusal(line, reason))

    def publish(self, desk: Desk) -> None:
        """Tell the open views what a committed import changed (on the GUI thread)."""
        from verzuimdesk.core.services import changes

        if self.committed and self.change_kind:
            changes.publish(
                desk, self.change_kind, case_ids=self.changed_cases, pupil_ids=self.changed_pupils
            )

    @property
    def ok(self) -> bool:
        """True when no row was refused (the command's exit status 0)."""
        return self.refused_count == 0

    def summary_lines(self) -> list[str]:
        """The report in Dutch, one line per count (zero counts of side matters left out)."""
        noun = {"absences": "rijen", "pupils": "leerlingen", "schools": "scholen"}[self.target]
        lines = [f"Bestand: {self.file_name}", f"Gelezen: {self.rows_read} {noun}"]
        if self.dry_run:
            lines.append(f"Te importeren (nieuw): {self.imported}")
            lines.append(f"Bij te werken (gewijzigd sinds een eerdere import): {self.updated}")
        else:
            lines.append(f"Geïmporteerd (nieuw): {self.imported}")
            lines.append(f"Bijgewerkt (gewijzigd sinds een eerdere import): {self.updated}")
        lines.append(f"Overgeslagen, al aanwezig: {self.unchanged}")
        if self.ignored:
            lines.append(f"Overgeslagen, soort op 'negeren': {self.ignored}")
        lines.append(f"Geweigerd: {self.refused_count}")
        if self.target == "absences":
            lines.append(
                f"Leerling niet gevonden: {self.not_found_rows} rijen van "
                f"{len(self.not_found)} leerlingen"
            )
            if self.records_updated:
                lines.append(
                    f"Verzuimregistraties gewijzigd: {self.records_updated} "
                    "(een latere export van dezelfde periode)"
                )
        if self.pupils_created:
            lines.append(f"Nieuwe leerlingen aangemaakt: {self.pupils_created}")
        if self.target == "absences" and self.committed:
            lines.append(
                f"Signalen en termijnen herberekend voor {self.pupils_recomputed} leerlingen"
            )
        if self.dry_run:
            lines.append(
                "Dit is een controle: er is nog niets opgeslagen. Rijen van niet gevonden "
                "leerlingen worden gecontroleerd zodra die leerlingen bestaan."
            )
        return lines

    def refused_lines(self) -> list[str]:
        """``regel N: reden`` for every listed refused row, and how many more there were."""
        out = [f"regel {r.line}: {r.reason}" for r in self.refused]
        if self.refused_count > len(self.refused):
            out.append(f"… en nog {self.refused_count - len(self.refused)} geweigerde rijen")
        return out

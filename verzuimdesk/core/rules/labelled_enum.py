"""A ``StrEnum`` whose members carry their Dutch label next to their stored value.

The national codes, categories and exemption grounds each have a value that is stored and
compared (``"duo-16h"``, ``"B2a"``, ``"5a"``) and a Dutch name shown to the user. Declaring
both on one line (``DUO_16H = "duo-16h", "DUO-melding …"``) keeps a member and its label from
drifting apart and replaces a separate label table per enum.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self

__all__ = ["LabelledStrEnum"]


class LabelledStrEnum(StrEnum):
    """A string enum whose members are declared as ``NAME = value, label``.

    A member declared with the value alone is its own label.
    """

    _value_: str
    #: The Dutch name shown in lists, dialogs and reports.
    label: str

    def __new__(cls, value: str, label: str | None = None) -> Self:
        """Create a member with the stored *value* and the Dutch *label*."""
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = value if label is None else label
        return member

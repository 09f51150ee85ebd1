"""VerzuimDesk regional plugin for Amsterdam-Diemen (VO): the Stappenplan Verzuim."""

__version__ = "1.0.0"

#: The region id; also the entry-point name.
REGION_ID = "amsterdam"

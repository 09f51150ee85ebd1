"""VerzuimDesk regional plugin for Zuid-Kennemerland en IJmond (PO and VO)."""

__version__ = "1.0.0"

#: The region id; also the entry-point name.
REGION_ID = "kennemerland"

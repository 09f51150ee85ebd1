"""VerzuimDesk regional plugin for Lelystad en Dronten (SWV; mainly PO, also VO)."""

__version__ = "1.0.0"

#: The region id; also the entry-point name.
REGION_ID = "lelystad"

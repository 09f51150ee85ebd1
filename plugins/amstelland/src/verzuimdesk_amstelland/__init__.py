"""VerzuimDesk regional plugin for Amstelland en de Meerlanden (PO and VO)."""

__version__ = "1.0.0"

#: The region id; also the entry-point name.
REGION_ID = "amstelland"

"""VerzuimDesk regional plugin for Den Haag, Leidschendam-Voorburg and Rijswijk (SWVZHW, VO)."""

__version__ = "1.0.0"

#: The region id; also the entry-point name.
REGION_ID = "den_haag"

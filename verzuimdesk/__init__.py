"""VerzuimDesk: desktop case management for school absence and thuiszitters."""

__version__ = "0.1.0"

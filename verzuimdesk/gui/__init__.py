"""The PySide6 desktop interface. Talks to the core through services only."""

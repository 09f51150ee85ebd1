"""Errors a service raises for the user: Dutch messages, fit to show as they are."""

from __future__ import annotations


class ServiceError(Exception):
    """A user action cannot be carried out; ``message`` is Dutch, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(ServiceError):
    """Input that does not pass validation: ``errors`` maps a field id to a Dutch message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(self.errors.values()) or "Ongeldige invoer.")


class NotFoundError(ServiceError):
    """A record the user refers to no longer exists (e.g. deleted by a colleague)."""

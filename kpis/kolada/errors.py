"""Exceptions raised by the Kolada client and the response reader.

Every exception carries a Swedish message fit to show a user as is (``str(exc)``);
the message templates are module constants in ``client.py`` and ``format.py`` so
that tests and callers can compare against the same text.
"""

from __future__ import annotations


class KoladaError(Exception):
    """Kolada refused a request or answered with something the client cannot use.

    ``status_code`` is the HTTP status when there was one, ``url`` the address
    asked for; both are for logs, the message is for the user.
    """

    def __init__(self, message: str, *, status_code: int | None = None, url: str | None = None):
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.url = url


class KoladaUnavailable(KoladaError):
    """Kolada could not be reached or kept failing after every retry.

    The caller can try again later; nothing about the request itself was wrong.
    """


class KoladaFormatError(KoladaError):
    """A response or a saved file is not Kolada data in a shape the reader accepts."""

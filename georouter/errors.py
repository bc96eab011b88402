"""One error hierarchy for georouter.

Every error the package raises on purpose derives from :class:`GeorouterError`. Subclasses also
inherit the matching builtin (``ValueError``, ``LookupError``, ``TimeoutError`` …) so callers that
only know Python's exceptions still catch them. :data:`HTTP_STATUS` is the one table that maps an
error class to an HTTP status; the web layer renders every error in one JSON shape from it.
"""

from __future__ import annotations


class GeorouterError(Exception):
    """Root of every georouter error. ``code`` is a stable machine-readable name."""

    code = "error"

    def __init__(self, message: str, *, details: dict | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or {}


class InvalidInput(GeorouterError, ValueError):
    """A caller's input is well-formed but its values are wrong (out of range, unknown CRS …)."""

    code = "invalid_input"


class MalformedRequest(GeorouterError, ValueError):
    """A request body could not be parsed at all (broken JSON, unreadable file)."""

    code = "malformed_request"


class PayloadTooLarge(GeorouterError, ValueError):
    """A request or batch exceeds a configured limit."""

    code = "payload_too_large"


class UnsupportedMediaType(GeorouterError, ValueError):
    """A request body has a content type the endpoint does not take."""

    code = "unsupported_media_type"


class NotFound(GeorouterError, LookupError):
    """A named resource (territory, manager, request) does not exist."""

    code = "not_found"


class Unauthorized(GeorouterError, PermissionError):
    """No credentials, or credentials that do not match."""

    code = "unauthorized"


class Forbidden(GeorouterError, PermissionError):
    """The action is switched off by configuration."""

    code = "forbidden"


class Conflict(GeorouterError, RuntimeError):
    """A write lost an optimistic-concurrency race or breaks a state rule."""

    code = "conflict"


class ConfigurationError(GeorouterError, ValueError):
    """A setting is missing or invalid; raised at start-up."""

    code = "configuration_error"


class BoundaryDataError(GeorouterError, ValueError):
    """A boundary set failed to load or to validate; ``details['problems']`` lists why."""

    code = "invalid_boundaries"


class GeocoderError(GeorouterError, RuntimeError):
    """An online geocoder could not answer (network, quota, bad key, bad response)."""

    code = "geocoder_error"


class GeocoderTimedOut(GeocoderError, TimeoutError):
    """An online geocoder did not answer in time."""

    code = "geocoder_timeout"


class GeocoderAuthError(GeocoderError, PermissionError):
    """An online geocoder refused the configured key."""

    code = "geocoder_auth"


class GeocoderQuotaExceeded(GeocoderError):
    """An online geocoder's quota or rate limit is exhausted."""

    code = "geocoder_quota"


HTTP_STATUS: dict[type[GeorouterError], int] = {
    MalformedRequest: 400,
    Unauthorized: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    PayloadTooLarge: 413,
    UnsupportedMediaType: 415,
    InvalidInput: 422,
    BoundaryDataError: 422,
    GeocoderError: 502,
    GeocoderTimedOut: 504,
    ConfigurationError: 500,
}


def http_status_for(error: GeorouterError) -> int:
    """The HTTP status for ``error``: the entry of its nearest class in :data:`HTTP_STATUS`."""
    for cls in type(error).__mro__:
        if cls in HTTP_STATUS:
            return HTTP_STATUS[cls]
    return 500

"""Bearer-token checks shared by the admin and workflow endpoints."""

from __future__ import annotations

import hmac

from flask import request

from ..errors import Unauthorized


def require_bearer(expected: str, what: str) -> None:
    """Raise :class:`Unauthorized` unless the request carries ``Authorization: Bearer <expected>``."""
    header = request.headers.get("Authorization", "")
    given = header[7:] if header.startswith("Bearer ") else ""
    if not given:
        raise Unauthorized(f"{what}: missing 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise Unauthorized(f"{what}: wrong token")

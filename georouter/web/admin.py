"""``POST /admin/reload``: load the boundary source again; an invalid set is refused, the old one keeps serving."""

from __future__ import annotations

import hmac

from flask import Blueprint, current_app, request

from ..errors import Forbidden, Unauthorized

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _check_token() -> None:
    expected = current_app.config["GEOROUTER_SETTINGS"].admin_token
    if not expected:
        raise Forbidden("admin endpoints are off: set GEOROUTER_ADMIN_TOKEN")
    header = request.headers.get("Authorization", "")
    given = header[7:] if header.startswith("Bearer ") else ""
    if not given:
        raise Unauthorized("missing 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise Unauthorized("wrong admin token")


@bp.post("/reload")
def reload():
    """Reload boundaries; 200 with old/new version, or 422 with every problem (old set still served)."""
    from .server import restart_workers

    _check_token()
    old, new = current_app.extensions["georouter"].reload()
    if old != new:
        restart_workers()
    return {"status": "reloaded" if old != new else "unchanged", "previous_version": old, "boundary_version": new}

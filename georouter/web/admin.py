"""``POST /admin/reload``: load the boundary source again; an invalid set is refused, the old one keeps serving."""

from __future__ import annotations

from flask import Blueprint, current_app

from ..errors import Forbidden
from .auth import require_bearer

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _check_token() -> None:
    expected = current_app.config["GEOROUTER_SETTINGS"].admin_token
    if not expected:
        raise Forbidden("admin endpoints are off: set GEOROUTER_ADMIN_TOKEN")
    require_bearer(expected, "admin")


@bp.post("/reload")
def reload():
    """Reload boundaries; 200 with old/new version, or 422 with every problem (old set still served)."""
    from .server import restart_workers

    _check_token()
    old, new = current_app.extensions["georouter"].reload()
    if old != new:
        restart_workers()
    return {"status": "reloaded" if old != new else "unchanged", "previous_version": old, "boundary_version": new}

"""``GET /healthz``: is the service up, and which boundary set does it serve."""

from __future__ import annotations

import time

from flask import Blueprint, current_app

from .. import __version__

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """Liveness plus the served boundary version, counts and uptime."""
    body = {
        "status": "ok",
        "version": __version__,
        "uptime_s": round(time.time() - current_app.extensions["georouter_started"], 3),
    }
    holder = current_app.extensions["georouter"]
    body.update(holder.router.summary())
    body["boundary_source"] = str(holder.source)
    return body

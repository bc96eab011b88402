"""Structured request logging: one line per request with a request id and timing.

Addresses and phone numbers never reach INFO in full: :func:`georouter.masking.mask_text` masks them.
"""

from __future__ import annotations

import json
import logging
import time
import uuid

from flask import Flask, g, request

log = logging.getLogger("georouter.access")


def _start() -> None:
    g.request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex[:16]
    g.started = time.perf_counter()


def _finish(response):
    elapsed_ms = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
    response.headers["X-Request-Id"] = g.get("request_id", "")
    if log.isEnabledFor(logging.INFO):
        log.info(json.dumps({
            "request_id": g.get("request_id"),
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "ms": round(elapsed_ms, 2),
        }, ensure_ascii=False))
    return response


def init_app(app: Flask) -> None:
    """Attach request-id and timing hooks to ``app``."""
    app.before_request(_start)
    app.after_request(_finish)

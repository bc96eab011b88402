"""One JSON error shape for the whole HTTP API.

Every error answer is ``{"error": {"code": str, "message": str, "details": {...}}}`` with the
status from :data:`georouter.errors.HTTP_STATUS`. Werkzeug's own HTTP errors (404, 405, 413 …)
are rendered in the same shape, and an unexpected exception becomes a logged 500 in that shape.
"""

from __future__ import annotations

import logging

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

from ..errors import GeorouterError, http_status_for

log = logging.getLogger(__name__)

_HTTP_CODES = {
    400: "malformed_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
}


def error_body(code: str, message: str, details: dict | None = None) -> dict:
    """The API's one error shape."""
    return {"error": {"code": code, "message": message, "details": details or {}}}


def _georouter_error(err: GeorouterError):
    return jsonify(error_body(err.code, err.message, err.details)), http_status_for(err)


def _http_error(err: HTTPException):
    status = err.code or 500
    code = _HTTP_CODES.get(status, "http_error")
    return jsonify(error_body(code, err.description or err.name)), status


def _unexpected(err: Exception):
    log.exception("unhandled error")
    return jsonify(error_body("internal_error", "internal server error")), 500


def init_app(app: Flask) -> None:
    """Register the JSON error handlers on ``app``."""
    app.register_error_handler(GeorouterError, _georouter_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)

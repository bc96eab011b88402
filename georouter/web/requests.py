"""Reading request bodies and parameters into clean values, or a clear error."""

from __future__ import annotations

import difflib
import json

from flask import request

from ..errors import InvalidInput, MalformedRequest, UnsupportedMediaType

ASSIGN_FIELDS = ("address", "lon", "lat", "crs", "at")


def json_body():
    """The request's JSON body; 415 if it is not JSON, 400 if it does not parse."""
    if not request.is_json:
        raise UnsupportedMediaType(f"expected Content-Type application/json, got {request.mimetype or 'none'!r}")
    try:
        return json.loads(request.get_data(as_text=True) or "null")
    except (ValueError, UnicodeDecodeError) as err:
        raise MalformedRequest(f"malformed JSON: {err}") from err


def assign_arguments(data, *, where: str = "body") -> dict:
    """Validate one /assign request object into keyword arguments for ``Router.assign``."""
    if not isinstance(data, dict):
        raise InvalidInput(f"{where} must be a JSON object", details={"field": where})
    unknown = [k for k in data if k not in ASSIGN_FIELDS]
    if unknown:
        hints = {k: difflib.get_close_matches(k, ASSIGN_FIELDS, n=1, cutoff=0.5) for k in unknown}
        words = ", ".join(f"{k!r}" + (f" (did you mean {h[0]!r}?)" if h else "") for k, h in hints.items())
        raise InvalidInput(f"unknown field {words}", details={"field": unknown[0], "allowed": list(ASSIGN_FIELDS)})
    address = data.get("address")
    if address is not None and not isinstance(address, str):
        raise InvalidInput("address must be a string", details={"field": "address"})
    for name in ("lon", "lat"):
        value = data.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float, str))):
            raise InvalidInput(f"{name} must be a number", details={"field": name})
    if address is None and data.get("lon") is None and data.get("lat") is None:
        raise InvalidInput("give an address, or lon and lat", details={"field": "address"})
    crs = data.get("crs") or "wgs84"
    if not isinstance(crs, str):
        raise InvalidInput("crs must be a string", details={"field": "crs"})
    return {"address": address, "lon": data.get("lon"), "lat": data.get("lat"), "crs": crs, "at": data.get("at")}


def query_arguments() -> dict:
    """The same arguments from a GET query string."""
    return assign_arguments({k: v for k, v in request.args.items()}, where="query")

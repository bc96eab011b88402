"""``GET /openapi.json``: the OpenAPI 3.1 document of the HTTP API (tests validate real answers against it)."""

from __future__ import annotations

from flask import Blueprint

from .. import __version__
from ..assignment import STATUSES
from ..geocoding.result import PRECISIONS

bp = Blueprint("openapi", __name__)

_NUMBER_OR_NULL = {"type": ["number", "null"]}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERROR_RESPONSES = {str(code): _json(_ref("Error"), text) for code, text in (
    (400, "malformed request"), (413, "too large"), (415, "wrong content type"), (422, "invalid fields"))}

SCHEMAS = {
    "Error": {"type": "object", "required": ["error"], "additionalProperties": False, "properties": {
        "error": {"type": "object", "required": ["code", "message", "details"], "additionalProperties": False,
                  "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                                 "details": {"type": "object"}}}}},
    "Manager": {"type": "object", "required": ["name", "phone"], "properties": {
        "id": {"type": "string"}, "name": {"type": "string"}, "phone": {"type": "string", "pattern": "^[0-9]{11}$"}}},
    "TerritoryRef": {"type": "object", "required": ["id", "name", "kind", "district"], "properties": {
        "id": {"type": "string"}, "name": {"type": "string"}, "kind": {"enum": ["street_office", "zone"]},
        "district": {"type": "string"}}},
    "Location": {"type": "object", "required": ["lon", "lat", "crs", "precision", "source"], "properties": {
        "lon": {"type": "number", "minimum": -180, "maximum": 180},
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
        "crs": {"const": "wgs84"}, "precision": {"enum": list(PRECISIONS)}, "source": {"type": "string"}}},
    "Candidate": {"type": "object", "required": ["manager", "territory", "reason"], "properties": {
        "manager": {"oneOf": [_ref("Manager"), {"type": "null"}]}, "territory": _ref("TerritoryRef"),
        "reason": {"type": "string"}}},
    "Assignment": {"type": "object", "additionalProperties": False, "required": [
        "status", "manager", "territory", "location", "confidence", "candidates", "warnings", "explanation",
        "boundary_version"], "properties": {
        "status": {"enum": list(STATUSES)},
        "manager": {"oneOf": [_ref("Manager"), {"type": "null"}]},
        "territory": {"oneOf": [_ref("TerritoryRef"), {"type": "null"}]},
        "location": {"oneOf": [_ref("Location"), {"type": "null"}]},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        "candidates": {"type": "array", "items": _ref("Candidate")},
        "warnings": {"type": "array", "items": {"type": "string"}},
        "explanation": {"type": "string"}, "boundary_version": {"type": "string"}}},
    "AssignRequest": {"type": "object", "additionalProperties": False, "properties": {
        "address": {"type": "string", "minLength": 1}, "lon": {"type": "number"}, "lat": {"type": "number"},
        "crs": {"type": "string", "description": "wgs84 (default), gcj02, bd09, cgcs2000 or EPSG:<code>"},
        "at": {"type": "string", "format": "date"}}},
    "BatchResult": {"type": "object", "required": ["count", "results", "boundary_version"], "properties": {
        "count": {"type": "integer"}, "boundary_version": {"type": "string"},
        "results": {"type": "array", "items": {"oneOf": [_ref("Assignment"), _ref("Error")]}}}},
    "TerritoryFeature": {"type": "object", "required": ["type", "id", "properties"], "properties": {
        "type": {"const": "Feature"}, "id": {"type": "string"}, "geometry": {"type": "object"},
        "properties": {"type": "object", "required": ["id", "name", "kind", "district", "manager"]}}},
    "Territories": {"type": "object", "required": ["type", "features", "boundary_version"], "properties": {
        "type": {"const": "FeatureCollection"}, "boundary_version": {"type": "string"},
        "features": {"type": "array", "items": _ref("TerritoryFeature")}}},
    "Managers": {"type": "object", "required": ["as_of", "managers"], "properties": {
        "as_of": {"type": "string", "format": "date"}, "boundary_version": {"type": "string"},
        "managers": {"type": "array", "items": {"allOf": [_ref("Manager"), {"type": "object", "required": [
            "territories"], "properties": {"territories": {"type": "array"}}}]}}}},
    "Health": {"type": "object", "required": ["status", "boundary_version", "uptime_s"], "properties": {
        "status": {"const": "ok"}, "boundary_version": {"type": "string"}, "uptime_s": {"type": "number"}}},
    "WorkRequest": {"type": "object", "required": ["id", "stage", "version", "manager_id", "phone", "deadlines",
                                                   "overdue", "boundary_version"], "properties": {
        "id": {"type": "string"}, "stage": {"type": "string"}, "stage_label": {"type": "string"},
        "version": {"type": "integer", "minimum": 1}, "manager_id": {"type": ["string", "null"]},
        "manager_name": {"type": ["string", "null"]}, "phone": {"type": "string"},
        "rating": {"enum": ["good", "bad", None]}, "overdue": {"type": "boolean"},
        "boundary_version": {"type": "string"}, "deadlines": {"type": "array", "items": {"type": "object"}},
        "events": {"type": "array", "items": {"type": "object"}}}},
    "Reload": {"type": "object", "required": ["status", "previous_version", "boundary_version"], "properties": {
        "status": {"enum": ["reloaded", "unchanged"]}, "previous_version": {"type": "string"},
        "boundary_version": {"type": "string"}}},
}

QUERY = [{"name": n, "in": "query", "required": False, "schema": {"type": t}} for n, t in (
    ("address", "string"), ("lon", "number"), ("lat", "number"), ("crs", "string"), ("at", "string"))]


def document() -> dict:
    """The OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "georouter", "version": __version__,
                 "description": "Which Taineng customer manager serves a Qingdao address or point."},
        "paths": {
            "/assign": {
                "post": {"summary": "Assign an address or a point",
                         "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("AssignRequest")}}},
                         "responses": {"200": _json(_ref("Assignment")), **ERROR_RESPONSES}},
                "get": {"summary": "Assign an address or a point (query string)", "parameters": QUERY,
                        "responses": {"200": _json(_ref("Assignment")), "422": ERROR_RESPONSES["422"]}}},
            "/assign/batch": {"post": {
                "summary": "Assign a JSON list, or an uploaded CSV/XLSX (multipart field 'file')",
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": {"type": "array", "items": _ref("AssignRequest")}},
                    "multipart/form-data": {"schema": {"type": "object", "properties": {
                        "file": {"type": "string", "format": "binary"}, "at": {"type": "string"}}}}}},
                "responses": {"200": {"description": "results in input order", "content": {
                    "application/json": {"schema": _ref("BatchResult")},
                    "text/csv": {"schema": {"type": "string"}}}}, **ERROR_RESPONSES}}},
            "/territories": {"get": {"summary": "Territories as GeoJSON", "parameters": [
                {"name": n, "in": "query", "required": False, "schema": {"type": "string"}}
                for n in ("district", "manager", "kind", "served", "at")],
                "responses": {"200": _json(_ref("Territories"))}}},
            "/territories/{territory_id}": {"get": {"summary": "One territory", "parameters": [
                {"name": "territory_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": _json(_ref("TerritoryFeature")), "404": _json(_ref("Error"), "unknown id")}}},
            "/managers": {"get": {"summary": "The roster with its territories", "responses": {"200": _json(_ref("Managers"))}}},
            "/healthz": {"get": {"summary": "Liveness and boundary version", "responses": {"200": _json(_ref("Health"))}}},
            "/requests": {
                "post": {"summary": "New connection request (address + phone)", "requestBody": {"required": True,
                         "content": {"application/json": {"schema": {"type": "object", "required": ["address", "phone"],
                                                                      "properties": {"address": {"type": "string"},
                                                                                     "phone": {"type": "string"},
                                                                                     "outside_pipeline": {"type": "boolean"}}}}}},
                         "responses": {"201": _json(_ref("WorkRequest"), "created"), **ERROR_RESPONSES}},
                "get": {"summary": "List requests (phones masked)", "parameters": [
                    {"name": n, "in": "query", "required": False, "schema": {"type": "string"}}
                    for n in ("manager", "stage", "overdue")],
                    "responses": {"200": _json({"type": "object", "properties": {
                        "count": {"type": "integer"}, "requests": {"type": "array", "items": _ref("WorkRequest")}}})}}},
            "/requests/{request_id}": {"get": {"summary": "One request with its events and deadlines", "parameters": [
                {"name": "request_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": _json(_ref("WorkRequest")), "404": _json(_ref("Error"), "unknown id")}}},
            "/requests/{request_id}/events": {"post": {"summary": "Apply an event at the version you read",
                "parameters": [{"name": "request_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["event", "version"], "properties": {
                        "event": {"type": "string"}, "version": {"type": "integer"}, "data": {"type": "object"},
                        "actor": {"type": "string"}}}}}},
                "responses": {"200": _json(_ref("WorkRequest")), "409": _json(_ref("Error"), "stale version or illegal step"),
                              **ERROR_RESPONSES}}},
            "/requests/{request_id}/rating": {"post": {"summary": "The customer's rating (good/bad)",
                "parameters": [{"name": "request_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": _json(_ref("WorkRequest")), "409": _json(_ref("Error"), "not rateable now")}}},
            "/admin/reload": {"post": {"summary": "Reload boundaries (Bearer token)", "responses": {
                "200": _json(_ref("Reload")), "401": _json(_ref("Error"), "no or wrong token"),
                "403": _json(_ref("Error"), "admin off"), "422": _json(_ref("Error"), "invalid set, old one kept")}}},
        },
        "components": {"schemas": SCHEMAS,
                       "securitySchemes": {"admin": {"type": "http", "scheme": "bearer"},
                                           "staff": {"type": "http", "scheme": "bearer",
                                                     "description": "GEOROUTER_API_TOKEN, when set, for /requests"}}},
    }


@bp.get("/openapi.json")
def openapi_json():
    return document()

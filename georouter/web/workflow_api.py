"""The workflow's HTTP API: /requests …, the per-manager rating QR code and the customer's rating page."""

from __future__ import annotations

import io

from flask import Blueprint, Response, current_app, render_template, request, url_for

from ..errors import GeorouterError, InvalidInput, NotFound
from ..workflow.service import now_utc
from ..workflow.stages import RATINGS, STAGES
from .auth import require_bearer
from .holder import current_router
from .requests import json_body

bp = Blueprint("workflow", __name__)
#: Endpoints a customer reaches from the QR code: open even when an API token is set.
PUBLIC_ENDPOINTS = ("workflow.rating_qr", "workflow.rating_page")


@bp.before_request
def _staff_only():
    """With GEOROUTER_API_TOKEN set, the request endpoints (customer addresses and phones) need it."""
    expected = current_app.config["GEOROUTER_SETTINGS"].api_token
    if expected and request.endpoint not in PUBLIC_ENDPOINTS:
        require_bearer(expected, "workflow API")


def _workflow():
    return current_app.extensions["georouter_workflow"]


def _actor(body: dict) -> str:
    return str(body.get("actor") or request.headers.get("X-Actor") or "api")[:64]


def _present(work_request, *, masked: bool) -> dict:
    workflow = _workflow()
    body = work_request.to_dict(workflow.store.limits, now_utc(), masked=masked)
    body["manager_name"] = workflow.manager_name(work_request.manager_id)
    return body


def _object(body) -> dict:
    if not isinstance(body, dict):
        raise InvalidInput("body must be a JSON object", details={"field": "body"})
    return body


@bp.post("/requests")
def create_request():
    body = _object(json_body())
    phone = body.get("phone", "")
    if isinstance(phone, int) and not isinstance(phone, bool):
        phone = str(phone)                 # other systems often send the number as a JSON number
    work_request, answer = _workflow().intake(address=body.get("address", ""), phone=phone,
                                              outside_pipeline=bool(body.get("outside_pipeline")), actor=_actor(body))
    return {**_present(work_request, masked=False), "assignment": answer}, 201


@bp.get("/requests/<request_id>")
def get_request(request_id: str):
    workflow = _workflow()
    return {**_present(workflow.store.get(request_id), masked=False), "events": workflow.store.events(request_id)}


@bp.post("/requests/<request_id>/events")
def post_event(request_id: str):
    body = _object(json_body())
    version = body.get("version", request.headers.get("If-Match"))
    try:
        version = int(str(version).strip('"'))
    except (TypeError, ValueError) as err:
        raise InvalidInput("give the version you read ('version' or If-Match)", details={"field": "version"}) from err
    data = body.get("data") or {}
    if not isinstance(data, dict):
        raise InvalidInput("data must be an object", details={"field": "data"})
    work_request = _workflow().event(request_id, str(body.get("event") or ""), data, version=version, actor=_actor(body))
    return _present(work_request, masked=False)


@bp.post("/requests/<request_id>/rating")
def post_rating(request_id: str):
    body = _object(json_body())
    work_request = _workflow().rate(request_id, str(body.get("rating") or ""), str(body.get("comment") or "")[:500])
    return _present(work_request, masked=False)


@bp.get("/requests")
def list_requests():
    manager, stage = request.args.get("manager"), request.args.get("stage")
    if stage and stage not in STAGES:
        raise InvalidInput(f"unknown stage {stage!r}", details={"field": "stage"})
    overdue = {"true": True, "false": False, None: None}.get(request.args.get("overdue"))
    found = _workflow().store.list(manager_id=manager, stage=stage, overdue=overdue, now=now_utc())
    return {"count": len(found), "requests": [_present(r, masked=True) for r in found]}


@bp.get("/managers/<manager_id>/rating-qr.png")
def rating_qr(manager_id: str):
    """The seed's per-manager 好差评 QR code, pointing at the rating page."""
    import segno

    if manager_id not in current_router().boundaries.managers:
        raise NotFound(f"no manager {manager_id!r}", details={"id": manager_id})
    buffer = io.BytesIO()
    segno.make(url_for("workflow.rating_page", manager_id=manager_id, _external=True), error="m").save(
        buffer, kind="png", scale=8, border=2)
    return Response(buffer.getvalue(), mimetype="image/png")


@bp.route("/rate/<manager_id>", methods=["GET", "POST"])
def rating_page(manager_id: str):
    """A plain page a customer opens on a phone: request number, 好/差, comment."""
    manager = current_router().boundaries.managers.get(manager_id)
    if manager is None:
        raise NotFound(f"no manager {manager_id!r}", details={"id": manager_id})
    message, ok = None, False
    if request.method == "POST":
        rating = request.form.get("rating", "")
        try:
            if rating not in RATINGS:
                raise InvalidInput("请选择“好”或“差”")
            _workflow().rate(request.form.get("request_id", "").strip(), rating, request.form.get("comment", "")[:500],
                             manager_id=manager_id)
            message, ok = "感谢您的评价！", True
        except GeorouterError as err:
            message = f"未能提交：{err.message}"
    return render_template("rate.html", manager=manager, message=message, ok=ok,
                           request_id=request.values.get("request_id", "")), (200 if ok or message is None else 422)

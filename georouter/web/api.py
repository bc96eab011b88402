"""The HTTP API: /assign, /assign/batch, /territories, /managers."""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, request
from shapely.geometry import mapping

from ..errors import InvalidInput, NotFound, PayloadTooLarge
from ..masking import mask_address
from .holder import current_router
from .requests import assign_arguments, json_body, query_arguments

log = logging.getLogger(__name__)
bp = Blueprint("api", __name__)


def _assign(arguments: dict) -> dict:
    router = current_router()
    answer = router.assign(arguments["address"], lon=arguments["lon"], lat=arguments["lat"],
                           crs=arguments["crs"], at=arguments["at"])
    log.info("assign %s -> %s", mask_address(arguments["address"]) if arguments["address"] else "point",
             answer.status)
    return answer.to_dict()


@bp.route("/assign", methods=["POST"])
def assign_post():
    """Assign one address or point (JSON body)."""
    return _assign(assign_arguments(json_body()))


@bp.route("/assign", methods=["GET"])
def assign_get():
    """Assign one address or point (query string)."""
    return _assign(query_arguments())


@bp.route("/assign/batch", methods=["POST"])
def assign_batch():
    """A JSON list of /assign objects, or an uploaded CSV/XLSX file (multipart field ``file``)."""
    from .batch_upload import assign_uploaded_file

    limit = current_app.config["GEOROUTER_SETTINGS"].batch_max_rows
    if request.mimetype == "multipart/form-data":
        return assign_uploaded_file(limit)
    items = json_body()
    if not isinstance(items, list):
        raise InvalidInput("a batch is a JSON list of /assign objects", details={"field": "body"})
    if len(items) > limit:
        raise PayloadTooLarge(f"batch of {len(items)} items exceeds the limit of {limit}",
                              details={"limit": limit})
    results = []
    for position, item in enumerate(items):
        try:
            results.append(_assign(assign_arguments(item, where=f"item {position}")))
        except InvalidInput as err:
            results.append({"error": {"code": err.code, "message": err.message, "details": err.details}})
    return {"count": len(results), "results": results, "boundary_version": current_router().version}


def _territory_feature(router, territory, day) -> dict:
    bs = router.boundaries
    manager = bs.manager_for(territory.id, day)
    decision = bs.decision_for(territory.id)
    props = {**territory.ref(), "district_code": territory.district_code,
             "manager": manager.ref() if manager else None,
             "approximate": territory.approximate, "uncertainty_m": territory.uncertainty_m,
             "restricts": list(territory.restricts), "decision": decision.decision if decision else None,
             "codes": dict(territory.codes)}
    return {"type": "Feature", "id": territory.id, "properties": props, "geometry": mapping(territory.geometry)}


def _today():
    from ..router import parse_day

    return parse_day(request.args.get("at"))


@bp.get("/territories")
def territories():
    """GeoJSON of territories; filters: district, manager (id or name), kind, served=true|false."""
    router = current_router()
    district, manager, kind = request.args.get("district"), request.args.get("manager"), request.args.get("kind")
    served, day = request.args.get("served"), _today()
    features = []
    for territory in router.boundaries.territories:
        feature = _territory_feature(router, territory, day)
        props = feature["properties"]
        if district and territory.district != district:
            continue
        if kind and territory.kind != kind:
            continue
        if manager and not (props["manager"] and manager in (props["manager"]["id"], props["manager"]["name"])):
            continue
        if served in ("true", "false") and (props["manager"] is not None) != (served == "true"):
            continue
        features.append(feature)
    return {"type": "FeatureCollection", "boundary_version": router.version, "features": features}


@bp.get("/territories/<territory_id>")
def territory(territory_id: str):
    router = current_router()
    found = router.boundaries.by_id.get(territory_id)
    if found is None:
        raise NotFound(f"no territory {territory_id!r}", details={"id": territory_id})
    return _territory_feature(router, found, _today())


@bp.get("/managers")
def managers():
    """The roster as of ``at`` (default today): each manager with the territories they serve."""
    router = current_router()
    bs, day = router.boundaries, _today()
    out = []
    for manager in bs.managers.values():
        served = [bs.by_id[e.territory_id] for e in bs.roster if e.manager_id == manager.id and e.active_on(day)]
        out.append({**manager.ref(), "territories": [
            {**t.ref(), "basis": bs.roster_entry(t.id, day).basis} for t in served]})
    return {"as_of": day.isoformat(), "boundary_version": router.version, "managers": out}

"""Connection requests in the database: create, read, move through events, list, report.

Optimistic concurrency: every request has a ``version``; a writer names the version it read and
loses with :class:`Conflict` (HTTP 409) if someone else wrote first. Every change appends one row
to the append-only event log (who, when, what), whose sequence number is the new version.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import uuid
from dataclasses import dataclass

from ..errors import Conflict, NotFound
from ..masking import mask_phone
from .db import Database
from .deadlines import LOCAL_TZ, Limits, deadlines
from .stages import FINAL, STAGE_LABELS, Step, apply_event

_COLUMNS = ("id, created_at, updated_at, address, phone, stage, version, manager_id, assignment_status, territory_id, "
            "district, boundary_version, outside_pipeline, rating, stage_times")


def _ts(value: dt.datetime) -> str:
    return value.astimezone(dt.timezone.utc).isoformat()


@dataclass(frozen=True)
class WorkRequest:
    """One 报装 request as stored."""

    id: str
    created_at: dt.datetime
    updated_at: dt.datetime
    address: str
    phone: str
    stage: str
    version: int
    manager_id: str | None
    assignment_status: str
    territory_id: str | None
    district: str | None
    boundary_version: str
    outside_pipeline: bool
    rating: str | None
    stage_times: dict[str, dt.datetime]

    @classmethod
    def from_row(cls, row) -> "WorkRequest":
        r = dict(row)
        times = {k: dt.datetime.fromisoformat(v) for k, v in json.loads(r["stage_times"]).items()}
        return cls(r["id"], dt.datetime.fromisoformat(r["created_at"]), dt.datetime.fromisoformat(r["updated_at"]),
                   r["address"], r["phone"], r["stage"], r["version"], r["manager_id"], r["assignment_status"],
                   r["territory_id"], r["district"], r["boundary_version"], bool(r["outside_pipeline"]), r["rating"],
                   times)

    def deadlines(self, limits: Limits):
        return deadlines(self.stage_times, self.outside_pipeline, limits)

    def overdue(self, limits: Limits, now: dt.datetime) -> bool:
        return self.stage not in FINAL and any(d.overdue(now) for d in self.deadlines(limits))

    def to_dict(self, limits: Limits, now: dt.datetime, *, masked: bool) -> dict:
        return {"id": self.id, "created_at": self.created_at.isoformat(), "updated_at": self.updated_at.isoformat(),
                "address": self.address, "phone": mask_phone(self.phone) if masked else self.phone,
                "stage": self.stage, "stage_label": STAGE_LABELS[self.stage], "version": self.version,
                "manager_id": self.manager_id, "assignment_status": self.assignment_status,
                "territory_id": self.territory_id, "district": self.district,
                "boundary_version": self.boundary_version, "outside_pipeline": self.outside_pipeline,
                "rating": self.rating, "stage_times": {k: v.isoformat() for k, v in self.stage_times.items()},
                "deadlines": [d.to_dict(now) for d in self.deadlines(limits)], "overdue": self.overdue(limits, now)}


class RequestStore:
    """The requests of one workflow database."""

    def __init__(self, db: Database, limits: Limits = Limits()):
        self.db = db
        self.limits = limits

    def _event(self, conn, request_id: str, seq: int, now: dt.datetime, actor: str, step: Step) -> None:
        self.db.execute(conn, "INSERT INTO request_events (request_id, seq, at, actor, event, from_stage, to_stage, data)"
                              " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (request_id, seq, _ts(now), actor, step.event, step.from_stage, step.to_stage,
                         json.dumps(step.data, ensure_ascii=False)))

    def create(self, *, address: str, phone: str, manager_id: str | None, assignment_status: str,
               territory_id: str | None, district: str | None, boundary_version: str, outside_pipeline: bool,
               actor: str, now: dt.datetime) -> WorkRequest:
        """Record a new request at stage ``intake`` (version 1) with its first event."""
        request_id = f"BZ{now.astimezone(LOCAL_TZ):%Y%m%d}-{uuid.uuid4().hex[:8]}"
        with self.db.connect() as conn:
            self.db.execute(conn, f"INSERT INTO requests ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (request_id, _ts(now), _ts(now), address, phone, "intake", 1, manager_id, assignment_status,
                             territory_id, district, boundary_version, int(outside_pipeline), None,
                             json.dumps({"intake": _ts(now)})))
            self._event(conn, request_id, 1, now, actor, Step("intake", None, "intake", {
                "manager_id": manager_id, "territory_id": territory_id, "assignment_status": assignment_status,
                "boundary_version": boundary_version}))
        return self.get(request_id)

    def get(self, request_id: str) -> WorkRequest:
        with self.db.connect() as conn:
            row = self.db.execute(conn, f"SELECT {_COLUMNS} FROM requests WHERE id = ?", (request_id,)).fetchone()
        if row is None:
            raise NotFound(f"no request {request_id!r}", details={"id": request_id})
        return WorkRequest.from_row(row)

    def events(self, request_id: str) -> list[dict]:
        with self.db.connect() as conn:
            rows = self.db.execute(conn, "SELECT seq, at, actor, event, from_stage, to_stage, data FROM request_events "
                                         "WHERE request_id = ? ORDER BY seq", (request_id,)).fetchall()
        return [{**dict(r), "data": json.loads(r["data"])} for r in rows]

    def apply(self, request_id: str, event: str, data: dict, *, expected_version: int, actor: str,
              now: dt.datetime) -> WorkRequest:
        """Apply ``event`` if the request is still at ``expected_version``; raises Conflict otherwise."""
        with self.db.connect() as conn:
            row = self.db.execute(conn, f"SELECT {_COLUMNS} FROM requests WHERE id = ?", (request_id,)).fetchone()
            if row is None:
                raise NotFound(f"no request {request_id!r}", details={"id": request_id})
            current = WorkRequest.from_row(row)
            if current.version != expected_version:
                raise Conflict(f"request {request_id} is at version {current.version}, not {expected_version}: "
                               "reload it and try again", details={"version": current.version})
            step = apply_event(current.stage, event, data, rating=current.rating)
            times = {k: _ts(v) for k, v in current.stage_times.items()}
            if step.to_stage != step.from_stage:
                times.setdefault(step.to_stage, _ts(now))
            rating = step.data["rating"] if event == "rate" else current.rating
            manager_id = step.data["manager_id"] if event == "reassign" else current.manager_id
            updated = self.db.execute(
                conn, "UPDATE requests SET stage = ?, version = ?, updated_at = ?, rating = ?, manager_id = ?, "
                      "stage_times = ? WHERE id = ? AND version = ?",
                (step.to_stage, expected_version + 1, _ts(now), rating, manager_id, json.dumps(times), request_id,
                 expected_version))
            if updated.rowcount != 1:
                raise Conflict(f"request {request_id} was changed by someone else: reload it and try again")
            self._event(conn, request_id, expected_version + 1, now, actor, step)
        return self.get(request_id)

    def list(self, *, manager_id: str | None = None, stage: str | None = None, overdue: bool | None = None,
             now: dt.datetime, limit: int = 500) -> list[WorkRequest]:
        clauses, params = [], []
        if manager_id:
            clauses.append("manager_id = ?")
            params.append(manager_id)
        if stage:
            clauses.append("stage = ?")
            params.append(stage)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        with self.db.connect() as conn:
            rows = self.db.execute(conn, f"SELECT {_COLUMNS} FROM requests{where} ORDER BY created_at DESC",
                                   tuple(params)).fetchall()
        found = [WorkRequest.from_row(r) for r in rows]
        if overdue is not None:
            found = [r for r in found if r.overdue(self.limits, now) == overdue]
        return found[:limit]

    def report(self, now: dt.datetime) -> dict[str | None, dict]:
        """Per manager: requests, overdue, median minutes to first contact, share of limits met, 好评率."""
        out: dict[str | None, dict] = {}
        for request in self.list(now=now, limit=10**9):
            figures = out.setdefault(request.manager_id, {"requests": 0, "overdue": 0, "_contact": [], "_met": [],
                                                          "_ratings": []})
            figures["requests"] += 1
            figures["overdue"] += request.overdue(self.limits, now)
            if "contacted" in request.stage_times:
                figures["_contact"].append((request.stage_times["contacted"] - request.stage_times["intake"])
                                           .total_seconds() / 60)
            figures["_met"].extend(d.met() for d in request.deadlines(self.limits) if d.met() is not None)
            if request.rating:
                figures["_ratings"].append(request.rating == "good")
        for figures in out.values():
            contact, met, ratings = figures.pop("_contact"), figures.pop("_met"), figures.pop("_ratings")
            figures["median_minutes_to_contact"] = round(statistics.median(contact), 1) if contact else None
            figures["limits_met_share"] = round(sum(met) / len(met), 3) if met else None
            figures["good_rating_share"] = round(sum(ratings) / len(ratings), 3) if ratings else None
        return out

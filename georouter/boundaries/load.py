"""Load a boundary directory into a :class:`BoundarySet`, collecting every structural problem.

:func:`read_boundary_set` never stops at the first problem: it returns what it could build and a
:class:`Report`. :func:`load_boundary_set` is the strict form the service uses: any error raises
:class:`BoundaryDataError` with the whole list.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from shapely.geometry import shape

from ..errors import BoundaryDataError
from . import files
from .model import (STREET_OFFICE, ZONE, BoundarySet, Community, Decision, LineageEntry, Manager,
                    RosterEntry, Territory)
from .names import NameResolver
from .report import Report

DECISION_KINDS = ("inherit", "unserved", "zones_only")


def _date(text: str, report: Report, subject: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        report.error("bad_date", subject, f"not an ISO date: {text!r}")
        return None


def _territories(collection: dict, report: Report) -> list[Territory]:
    out = []
    for number, feature in enumerate(collection.get("features", []), start=1):
        props = feature.get("properties") or {}
        subject = f"{files.TERRITORIES} feature {number} ({props.get('name', '?')}, {props.get('id', '?')})"
        missing = [k for k in ("id", "name", "kind", "district") if not props.get(k)]
        if missing:
            report.error("missing_property", subject, "missing " + ", ".join(missing))
            continue
        if props["kind"] not in (STREET_OFFICE, ZONE):
            report.error("bad_kind", subject, f"kind must be street_office or zone, not {props['kind']!r}")
            continue
        try:
            geometry = shape(feature["geometry"])
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            report.error("bad_geometry", subject, f"unreadable geometry: {err}")
            continue
        out.append(Territory(
            id=str(props["id"]), name=props["name"], kind=props["kind"], district=props["district"],
            district_code=str(props.get("district_code", "")), geometry=geometry,
            approximate=bool(props.get("approximate", False)),
            uncertainty_m=float(props.get("uncertainty_m") or 0),
            restricts=tuple(props.get("restricts") or ()), codes=dict(props.get("codes") or {})))
    return out


def _roster(rows: list[dict], resolver: NameResolver, report: Report):
    managers: dict[str, Manager] = {}
    entries: list[RosterEntry] = []
    for number, row in enumerate(rows, start=2):
        subject = f"{files.ROSTER} line {number} ({row.get('manager')}, {row.get('territory')})"
        manager = Manager(row["manager_id"], row["manager"], row["phone"])
        known = managers.setdefault(manager.id, manager)
        if known != manager:
            report.error("manager_mismatch", subject, f"{manager.id} is also {known.name} {known.phone}")
        valid_from = _date(row["valid_from"], report, subject)
        valid_to = _date(row["valid_to"], report, subject) if row["valid_to"] else None
        if valid_from is None:
            continue
        resolution = resolver.current(row["territory"], row["district"] or None)
        if not resolution.territory_ids:
            report.error("roster_name_unresolved", subject,
                         f"{row['territory']!r} resolves to no current territory (directly or via lineage)")
            continue
        if resolution.entry is not None:
            report.info("roster_name_via_lineage", subject,
                        f"{row['territory']} → {', '.join(resolution.entry.successors)} ({resolution.describe()})")
        for territory_id in resolution.territory_ids:
            entries.append(RosterEntry(manager.id, territory_id, valid_from, valid_to, row["basis"] or "seed",
                                       row["territory"], row.get("note", "")))
    return managers, entries


def _decisions(rows: list[dict], resolver: NameResolver, report: Report) -> list[Decision]:
    out = []
    for number, row in enumerate(rows, start=2):
        subject = f"{files.DECISIONS} line {number} ({row.get('name')})"
        if row["decision"] not in DECISION_KINDS:
            report.error("bad_decision", subject, f"decision must be one of {', '.join(DECISION_KINDS)}")
            continue
        if row["decision"] == "inherit" and not resolver.current(row["inherit_from"], row["district"]).territory_ids:
            report.error("inherit_unresolved", subject, f"inherit_from {row['inherit_from']!r} is unknown")
            continue
        out.append(Decision(row["territory_id"], row["name"], row["district"], row["decision"],
                            row["inherit_from"], row["basis"], row["reason"]))
    return out


def _inherited(decisions, roster, resolver) -> list[RosterEntry]:
    """Roster entries implied by ``inherit`` decisions, marked ``basis="inferred"``."""
    out = []
    for decision in decisions:
        if decision.decision != "inherit":
            continue
        source_ids = resolver.current(decision.inherit_from, decision.district).territory_ids
        for entry in roster:
            if entry.territory_id in source_ids:
                out.append(RosterEntry(entry.manager_id, decision.territory_id, entry.valid_from, entry.valid_to,
                                       "inferred", decision.inherit_from, decision.reason))
    return out


def read_boundary_set(directory: Path | str) -> tuple[BoundarySet | None, Report]:
    """Read ``directory``; returns the set (``None`` if a file is missing or unreadable) and a report."""
    directory = Path(directory)
    report = Report(str(directory))
    try:
        manifest = files.read_json(directory / files.MANIFEST)
        territories = _territories(files.read_json(directory / files.TERRITORIES), report)
        district_collection = files.read_json(directory / files.DISTRICTS)
        roster_rows = files.read_csv(directory / files.ROSTER)
        decision_rows = files.read_csv(directory / files.DECISIONS)
        lineage_rows = files.read_csv(directory / files.LINEAGE)
        community_rows = files.read_csv(directory / files.COMMUNITIES)
    except FileNotFoundError as err:
        report.error("missing_file", str(directory), f"missing {Path(err.filename).name}")
        return None, report
    except (ValueError, KeyError, UnicodeDecodeError) as err:
        report.error("unreadable_file", str(directory), str(err))
        return None, report
    report.version = manifest.get("version", "")
    lineage = [LineageEntry(r["name"], r["district"], r["kind"], tuple(s for s in r["successors"].split(";") if s),
                            r["date"], r["rule"], r["source"], r.get("note", "")) for r in lineage_rows]
    resolver = NameResolver(territories, lineage)
    managers, roster = _roster(roster_rows, resolver, report)
    decisions = _decisions(decision_rows, resolver, report)
    roster += _inherited(decisions, roster, resolver)
    districts = {f["properties"]["name"]: shape(f["geometry"]) for f in district_collection["features"]}
    codes = {f["properties"]["name"]: f["properties"]["code"] for f in district_collection["features"]}
    communities = [Community(r["community"], r["district"], r["territory_id"]) for r in community_rows]
    boundary_set = BoundarySet(
        version=manifest.get("version", ""), manifest=manifest, territories=tuple(territories),
        districts=districts, district_codes=codes, managers=managers, roster=tuple(roster),
        decisions=tuple(decisions), lineage=tuple(lineage), communities=tuple(communities))
    return boundary_set, report


def load_boundary_set(directory: Path | str) -> BoundarySet:
    """Read and fully validate ``directory`` (a set, or a store's current version).

    Raises :class:`BoundaryDataError` listing every error.
    """
    from .store import resolve_set_dir
    from .validate import validate_set

    directory = resolve_set_dir(directory)
    boundary_set, report = read_boundary_set(directory)
    if boundary_set is not None:
        validate_set(boundary_set, report)
    if not report.ok:
        problems = [str(p) for p in report.of("error")]
        raise BoundaryDataError(f"boundary set {directory} is invalid ({len(problems)} errors)",
                                details={"problems": problems})
    return boundary_set

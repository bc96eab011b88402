"""Validate a boundary set: geometry, coordinates, coverage, roster reconciliation, zones.

:func:`validate_directory` reports *every* problem at once, each naming its feature. Errors make a
set unusable (the service refuses it); warnings are shown and fail only ``--strict``; infos list the
reconciliation cases a reviewer should know about (inferred managers, unserved territories …).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import numpy as np
import shapely

from . import files
from .load import read_boundary_set
from .model import STREET_OFFICE, ZONE, BoundarySet, Territory
from .report import Report

#: Qingdao's extent with a margin, lon/lat degrees.
QINGDAO_BBOX = (119.3, 35.3, 121.3, 37.2)
#: Overlaps and gaps between street offices smaller than this (m²) are tolerated.
OVERLAP_TOLERANCE_M2 = 2_000.0
#: Gap width tolerated by coverage validation, in degrees (~10 m).
GAP_WIDTH_DEG = 1e-4
_M2_PER_DEG2 = 111_320.0 * 111_320.0 * np.cos(np.radians(36.2))


def _describe(t: Territory) -> str:
    return f"{t.name} ({t.id}, {t.district})"


def bounds_problem(bounds) -> str | None:
    """Why (minx, miny, maxx, maxy) are not Qingdao lon/lat, with a hint at the likely mistake; None if they are."""
    minx, miny, maxx, maxy = bounds
    west, south, east, north = QINGDAO_BBOX
    if west <= minx and maxx <= east and south <= miny and maxy <= north:
        return None
    if west <= miny and maxy <= east and south <= minx and maxx <= north:
        return "axes look swapped: coordinates read as (lat, lon), expected (lon, lat)"
    if minx > 1e7:
        return "eastings carry a zone prefix (projected metres): use the zone-prefixed CRS (e.g. EPSG:4527 for zone 40)"
    if max(abs(minx), abs(maxx)) > 180 or max(abs(miny), abs(maxy)) > 90:
        return "coordinates are not degrees (projected metres?): state the projected CRS (e.g. EPSG:4549)"
    return f"bounds {tuple(round(v, 4) for v in bounds)} lie outside Qingdao"


def _check_coordinates(t: Territory, report: Report) -> bool:
    problem = bounds_problem(t.geometry.bounds)
    if problem is not None:
        report.error("outside_qingdao", _describe(t), problem)
    return problem is None


def _check_geometry(t: Territory, report: Report) -> bool:
    if t.geometry.is_empty or t.geometry.geom_type not in ("Polygon", "MultiPolygon"):
        report.error("bad_geometry", _describe(t), f"expected a (Multi)Polygon, got {t.geometry.geom_type}")
        return False
    if not t.geometry.is_valid:
        report.error("invalid_geometry", _describe(t), shapely.is_valid_reason(t.geometry))
        return False
    return _check_coordinates(t, report)


def _check_ids(bs: BoundarySet, report: Report) -> None:
    seen: dict[str, int] = defaultdict(int)
    names: dict[tuple[str, str], int] = defaultdict(int)
    for t in bs.territories:
        seen[t.id] += 1
        names[(t.kind, t.district, t.name)] += 1
    for tid, count in seen.items():
        if count > 1:
            report.error("duplicate_id", tid, f"{count} territories share this id")
    for (kind, district, name), count in names.items():
        if count > 1:
            report.error("duplicate_name", f"{name} ({district})", f"{count} {kind} features share this name")


def _check_coverage(offices: list[Territory], report: Report) -> None:
    """Overlaps between street offices (area) and gaps/slivers (GEOS coverage validation)."""
    geoms = np.array([t.geometry for t in offices])
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    for i, j in zip(left, right):
        if i >= j:
            continue
        area_m2 = shapely.area(shapely.intersection(geoms[i], geoms[j])) * _M2_PER_DEG2
        if area_m2 > OVERLAP_TOLERANCE_M2:
            report.error("overlap", f"{_describe(offices[i])} × {_describe(offices[j])}",
                         f"overlap of {area_m2:,.0f} m² (tolerance {OVERLAP_TOLERANCE_M2:,.0f} m²)")
    invalid_edges = shapely.coverage_invalid_edges(geoms, gap_width=GAP_WIDTH_DEG)
    for t, edges in zip(offices, invalid_edges):
        if not edges.is_empty:
            length_m = shapely.length(edges) * 111_320.0
            report.warning("coverage_edge", _describe(t),
                           f"{length_m:,.0f} m of edge does not match its neighbours (gap or overlap under "
                           f"~{GAP_WIDTH_DEG * 111_320:.0f} m wide)")


def _check_gaps(offices: list[Territory], report: Report) -> None:
    """Holes inside a district's union of street offices: ground that no street office covers."""
    by_district: dict[str, list[Territory]] = defaultdict(list)
    for t in offices:
        by_district[t.district].append(t)
    for district, members in sorted(by_district.items()):
        union = shapely.union_all([t.geometry for t in members])
        tree = shapely.STRtree([t.geometry for t in members])
        for part in getattr(union, "geoms", [union]):
            for ring in part.interiors:
                hole = shapely.Polygon(ring)
                area_m2 = shapely.area(hole) * _M2_PER_DEG2
                if area_m2 <= OVERLAP_TOLERANCE_M2:
                    continue
                around = sorted(members[i].name for i in tree.query(hole, predicate="touches"))
                x, y = shapely.get_coordinates(shapely.point_on_surface(hole))[0]
                report.error("gap", f"{district} ({', '.join(around) or '?'})",
                             f"{area_m2:,.0f} m² inside the district belong to no street office, e.g. at "
                             f"({x:.5f}, {y:.5f})")


def _check_zones(bs: BoundarySet, zones: list[Territory], report: Report) -> None:
    for a, b in combinations(zones, 2):
        overlap_m2 = shapely.area(shapely.intersection(a.geometry, b.geometry)) * _M2_PER_DEG2
        if overlap_m2 > OVERLAP_TOLERANCE_M2:
            report.error("zone_overlap", f"{_describe(a)} × {_describe(b)}", f"zones overlap by {overlap_m2:,.0f} m²")
    for zone in zones:
        unknown = [tid for tid in zone.restricts if tid not in bs.by_id]
        if unknown or not zone.restricts:
            report.error("zone_restricts", _describe(zone),
                         f"restricts unknown territories {unknown}" if unknown else "restricts no street office")
            continue
        frame = shapely.union_all([bs.by_id[tid].geometry for tid in zone.restricts])
        outside_m2 = shapely.area(shapely.difference(zone.geometry, frame)) * _M2_PER_DEG2
        if outside_m2 > OVERLAP_TOLERANCE_M2:
            report.warning("zone_outside_frame", _describe(zone),
                           f"{outside_m2:,.0f} m² lie outside the street offices it restricts")
        if zone.approximate:
            report.info("zone_approximate", _describe(zone), f"approximate, edges ±{zone.uncertainty_m:.0f} m")


def _check_roster(bs: BoundarySet, report: Report, today: dt.date) -> None:
    by_territory = defaultdict(list)
    for entry in bs.roster:
        if entry.territory_id not in bs.by_id:
            report.error("roster_unknown_territory", entry.territory_id, "roster entry for an unknown territory")
            continue
        by_territory[entry.territory_id].append(entry)
        if entry.basis == "inferred":
            report.info("roster_inferred", _describe(bs.by_id[entry.territory_id]),
                        f"manager {bs.managers[entry.manager_id].name} inferred from {entry.source_name}")
    for tid, entries in by_territory.items():
        for a, b in combinations(entries, 2):
            overlapping = a.valid_from < (b.valid_to or dt.date.max) and b.valid_from < (a.valid_to or dt.date.max)
            if overlapping and a.manager_id != b.manager_id:
                report.error("roster_conflict", _describe(bs.by_id[tid]),
                             f"{bs.managers[a.manager_id].name} and {bs.managers[b.manager_id].name} overlap in time")
    decisions = {d.territory_id: d for d in bs.decisions}
    for decision in bs.decisions:
        if decision.territory_id not in bs.by_id:
            report.error("decision_unknown_territory", decision.territory_id, f"{decision.name}: unknown territory")
    zone_frames = {tid for z in bs.territories if z.kind == ZONE for tid in z.restricts}
    served = bs.served_districts
    for t in bs.territories:
        decision = decisions.get(t.id)
        has_manager = bs.roster_entry(t.id, today) is not None
        if decision and decision.decision == "unserved":
            report.info("unserved", _describe(t), decision.reason)
            if has_manager:
                report.error("decision_contradicts_roster", _describe(t), "marked unserved but the roster names a manager")
        elif decision and decision.decision == "zones_only":
            report.info("zones_only", _describe(t), decision.reason)
            if t.id not in zone_frames:
                report.error("zones_only_without_zone", _describe(t), "no zone restricts this street office")
        elif not has_manager and (t.district in served or t.kind == ZONE):
            report.error("served_territory_without_manager", _describe(t),
                         f"no roster entry on {today} and no decision in {files.DECISIONS}")


def _check_communities(bs: BoundarySet, report: Report) -> None:
    for community in bs.communities:
        if community.territory_id not in bs.by_id:
            report.error("community_unknown_territory", community.name, f"territory {community.territory_id} unknown")


def _check_manifest(directory: Path, bs: BoundarySet, report: Report) -> None:
    recorded = bs.manifest.get("files", {})
    for name in files.DATA_FILES:
        path = directory / name
        if path.exists() and recorded.get(name) != files.file_digest(path):
            report.warning("manifest_stale", name, "file changed since manifest.json was written")


def validate_set(bs: BoundarySet, report: Report, today: dt.date | None = None) -> Report:
    """Add every problem of a loaded set to ``report``."""
    today = today or dt.date.today()
    _check_ids(bs, report)
    good = [t for t in bs.territories if _check_geometry(t, report)]
    _check_coverage([t for t in good if t.kind == STREET_OFFICE], report)
    _check_gaps([t for t in good if t.kind == STREET_OFFICE], report)
    _check_zones(bs, [t for t in good if t.kind == ZONE], report)
    _check_roster(bs, report, today)
    _check_communities(bs, report)
    return report


def validate_directory(directory: Path | str, today: dt.date | None = None) -> Report:
    """Read and validate the boundary directory; every problem at once."""
    directory = Path(directory)
    boundary_set, report = read_boundary_set(directory)
    if boundary_set is not None:
        validate_set(boundary_set, report, today)
        _check_manifest(directory, boundary_set, report)
    return report

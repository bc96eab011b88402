"""From a :class:`GeocodeResult` to an :class:`Assignment`: the address half of the router.

A precise point (an online provider's ``exact``/``address``/``road`` answer) goes through the point
rules; territories named by the text are served directly. Several candidate territories stay
``ambiguous`` unless they all have the same manager — never a confident wrong manager.
"""

from __future__ import annotations

import datetime as dt

from ..assignment import AMBIGUOUS, ASSIGNED, NOT_FOUND, OUTSIDE, Assignment, Candidate
from .gazetteer import DISTRICT_MISMATCH_FACTOR
from .result import GeocodeResult

MAX_CANDIDATES = 30


def _join(parts) -> str:
    return "；".join(p for p in parts if p)


def assign_geocoded(router, result: GeocodeResult | None, query: str, day: dt.date) -> Assignment:
    """The assignment for ``query`` given what the geocoder found (``None`` = nothing)."""
    bs = router.boundaries
    if result is None:
        return Assignment(NOT_FOUND, boundary_version=bs.version,
                          explanation=f"未能识别地址'{query}'中的区、街道、社区或道路，请补充详细地址或提供坐标")
    notes = _join(result.notes)
    if result.location is not None and not result.territory_ids:
        return _merge(router.assign_location(result.location, day), result, notes)
    territories = [bs.by_id[i] for i in result.territory_ids]
    if len(territories) == 1 and not bs.zones_restricting(territories[0].id):
        return router.decider.serve_territory(territories[0], result.location, day, result.confidence,
                                              list(result.warnings), how=f"{notes}。")
    return _several(router, result, territories, notes, day)


def _merge(point: Assignment, result: GeocodeResult, notes: str) -> Assignment:
    warnings = list(point.warnings) + list(result.warnings)
    confidence = point.confidence * result.confidence
    if result.district and point.territory and point.territory.district != result.district:
        warnings.append(f"地址写的是{result.district}，但定位点位于{point.territory.district}")
        confidence *= DISTRICT_MISMATCH_FACTOR
    return Assignment(point.status, boundary_version=point.boundary_version, manager=point.manager,
                      territory=point.territory, location=point.location, confidence=confidence,
                      candidates=point.candidates, warnings=tuple(warnings),
                      explanation=f"{notes}（{result.source}，精度{result.precision}）。{point.explanation}")


def _several(router, result: GeocodeResult, territories, notes: str, day: dt.date) -> Assignment:
    bs = router.boundaries
    candidates: list[Candidate] = []
    for territory in territories:
        zones = bs.zones_restricting(territory.id)
        if zones:
            for zone in zones:
                candidates.append(Candidate(zone, bs.manager_for(zone.id, day),
                                            f"{territory.name}仅{zone.name}内由泰能服务"))
            candidates.append(Candidate(territory, None, f"{territory.name}其余区域不在经营区域内"))
        else:
            candidates.append(Candidate(territory, bs.manager_for(territory.id, day), "地址可能位于此街道"))
    managers = {c.manager for c in candidates}
    base = dict(boundary_version=bs.version, location=result.location, warnings=result.warnings,
                candidates=tuple(candidates[:MAX_CANDIDATES]))
    if managers == {None}:
        where = "、".join(sorted({f"{t.district}{t.name}" for t in territories}))[:200]
        return Assignment(OUTSIDE, confidence=result.confidence, **base,
                          explanation=f"{notes}。{where}均不在泰能天然气经营区域内")
    if len(managers) == 1:
        manager = managers.pop()
        names = "、".join(t.name for t in territories)
        return Assignment(ASSIGNED, manager=manager, confidence=result.confidence, **base,
                          explanation=f"{notes}。可能为{names}，均由{manager.name}（{manager.phone}）负责")
    return Assignment(AMBIGUOUS, confidence=result.confidence, **base,
                      explanation=f"{notes}。地址可能属于{len(candidates)}个区域、不同客户经理，请补充社区、道路门牌或提供坐标")

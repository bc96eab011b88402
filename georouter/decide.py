"""From the territories covering a point to an :class:`Assignment`: the decided rules.

- A zone decides inside the street offices it restricts (城阳: inside a zone → its manager; in
  夏庄/流亭 but outside every zone → outside the service area).
- Several street offices cover a point on their shared edge: the lowest territory id wins
  (deterministic), the others are candidates, confidence is lowered.
- A point in no polygon but within ``offshore_m`` of a served territory (piers, beaches) gets the
  nearest one, with a warning and lower confidence.
- Within ``uncertainty_m`` of an approximate territory's edge: a warning and the other side as a candidate.
- A known territory with no manager: ``outside_service_area``, naming it and its district.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .assignment import ASSIGNED, OUTSIDE, Assignment, Candidate, Location
from .boundaries.model import STREET_OFFICE, ZONE, BoundarySet, Territory
from .index import TerritoryIndex

EDGE_CONFIDENCE = 0.8
APPROXIMATE_EDGE_CONFIDENCE = 0.6
OFFSHORE_CONFIDENCE = 0.6
INFERRED_CONFIDENCE = 0.9
#: How far (m) a point outside every polygon may be for us to still name its nearest territory.
NAME_NEAREST_M = 5_000.0


@dataclass(frozen=True)
class Decider:
    """The rules above, bound to one boundary set and its index (positions = ``bs.territories``)."""

    bs: BoundarySet
    index: TerritoryIndex
    offshore_m: float

    def _label(self, t: Territory) -> str:
        return f"{t.district}{t.name}"

    def __post_init__(self):
        approximate = tuple((p, t) for p, t in enumerate(self.bs.territories) if t.kind == ZONE and t.approximate)
        object.__setattr__(self, "_approximate_zones", approximate)

    def _approximate_nearby(self, lon: float, lat: float, hits: list[Territory]) -> list[tuple[Territory, float]]:
        """Approximate zones whose edge lies within their uncertainty of the point (zone frames only)."""
        hit_ids = {t.id for t in hits}
        out = []
        for position, zone in self._approximate_zones:  # type: ignore[attr-defined]
            if zone.id not in hit_ids and not hit_ids.intersection(zone.restricts):
                continue
            metres = self.index.distance_to_edge_m(position, lon=lon, lat=lat)
            if metres <= zone.uncertainty_m:
                out.append((zone, metres))
        return out

    def decide(self, hits: tuple[int, ...], location: Location, day: dt.date) -> Assignment:
        """The assignment for a point covered by territories at index positions ``hits``."""
        lon, lat = location.lon, location.lat
        covering = [self.bs.territories[p] for p in hits]
        if not covering:
            return self._uncovered(location, day)
        zones = sorted((t for t in covering if t.kind == ZONE), key=lambda t: t.id)
        offices = sorted((t for t in covering if t.kind == STREET_OFFICE), key=lambda t: t.id)
        warnings: list[str] = []
        candidates: list[Candidate] = []
        confidence = 1.0
        near_edges = self._approximate_nearby(lon, lat, covering)
        chosen = zones[0] if zones else offices[0]
        if zones:
            for office in offices:
                candidates.append(Candidate(office, None, f"所在街道{office.name}，城阳区内以经营区域为准"))
        elif len(offices) > 1:
            names = "、".join(t.name for t in offices)
            warnings.append(f"该点位于{names}的交界线上，按编号取{chosen.name}")
            confidence = min(confidence, EDGE_CONFIDENCE)
            for other in offices[1:]:
                candidates.append(Candidate(other, self.bs.manager_for(other.id, day), "交界线另一侧"))
        for zone, metres in near_edges:
            side = "内" if zone.id in {t.id for t in zones} else "外"
            warnings.append(f"该点在{zone.name}边界{side}约{metres:.0f}米，边界为近似（±{zone.uncertainty_m:.0f}米），请人工核实")
            confidence = min(confidence, APPROXIMATE_EDGE_CONFIDENCE)
            if zone.id != chosen.id:
                candidates.append(Candidate(zone, self.bs.manager_for(zone.id, day),
                                            f"近似边界{zone.uncertainty_m:.0f}米内"))
        return self.serve_territory(chosen, location, day, confidence, warnings, candidates)

    def serve_territory(self, chosen: Territory, location: Location | None, day: dt.date, confidence: float,
                        warnings: list[str], candidates: list[Candidate] = (), how: str = "") -> Assignment:
        """The answer once the territory is known: its manager on ``day``, or why there is none."""
        entry = self.bs.roster_entry(chosen.id, day)
        base = dict(boundary_version=self.bs.version, territory=chosen, location=location,
                    candidates=tuple(candidates))
        if entry is not None:
            manager = self.bs.managers[entry.manager_id]
            if entry.basis == "inferred":
                warnings.append(f"{chosen.name}不在原表中，经理按{entry.source_name}推定")
                confidence = min(confidence, INFERRED_CONFIDENCE)
            explanation = (f"{how}位于{self._label(chosen)}"
                           f"（{'经营区域' if chosen.kind == ZONE else '街道'}），客户经理{manager.name}（{manager.phone}）")
            return Assignment(ASSIGNED, manager=manager, confidence=confidence, warnings=tuple(warnings),
                              explanation=explanation, **base)
        decision = self.bs.decision_for(chosen.id)
        if decision is not None and decision.decision == "zones_only":
            zones = "、".join(t.name for t in self.bs.zones_restricting(chosen.id))
            reason = f"仅{zones}内由泰能天然气服务，该点不在区域内"
        elif decision is not None:
            reason = f"该街道不在客户经理责任区域内（{decision.reason}）"
        elif chosen.district in self.bs.served_districts:
            reason = f"{day.isoformat()}无在任客户经理"
        else:
            reason = f"{chosen.district}不在泰能天然气经营区域内"
        return Assignment(OUTSIDE, confidence=confidence, warnings=tuple(warnings),
                          explanation=f"{how}位于{self._label(chosen)}，{reason}", **base)

    def _uncovered(self, location: Location, day: dt.date) -> Assignment:
        lon, lat = location.lon, location.lat
        served = [p for p, t in enumerate(self.bs.territories) if self.bs.roster_entry(t.id, day)]
        near = self.index.nearest(lon=lon, lat=lat, max_m=self.offshore_m, among=served)
        if near is not None:
            territory = self.bs.territories[near[0]]
            warning = (f"该点不在任何街道范围内（岸线外或码头、海滩），距{territory.name}约{near[1]:.0f}米，"
                       f"按最近街道分配")
            return self.serve_territory(territory, location, day, OFFSHORE_CONFIDENCE, [warning],
                                        how="按最近街道：")
        near = self.index.nearest(lon=lon, lat=lat, max_m=NAME_NEAREST_M)
        if near is not None:
            territory = self.bs.territories[near[0]]
            return Assignment(OUTSIDE, boundary_version=self.bs.version, location=location, confidence=1.0,
                              explanation=f"该点不在任何街道范围内（海上或岸线外），最近为{self._label(territory)}，"
                                          f"约{near[1]:.0f}米；不在泰能天然气经营区域内")
        return Assignment(OUTSIDE, boundary_version=self.bs.version, location=location, confidence=1.0,
                          explanation="该点不在青岛市范围内，不在泰能天然气经营区域内")

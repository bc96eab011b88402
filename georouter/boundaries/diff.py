"""What changes hands between two boundary sets: area per territory and per manager.

For review before an update ships: per territory the area gained and lost (km², on an equal-area
projection), and for every piece of ground whose manager changes, from whom to whom.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from functools import lru_cache

import numpy as np
import shapely
from pyproj import Transformer

from .model import BoundarySet

#: Equal-area projection for areas (Albers for China, metres).
_EQUAL_AREA = "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +ellps=WGS84 +units=m"
MIN_CHANGE_KM2 = 0.001


@dataclass(frozen=True)
class TerritoryChange:
    territory_id: str
    name: str
    old_km2: float
    new_km2: float
    gained_km2: float
    lost_km2: float
    old_manager: str | None
    new_manager: str | None


@dataclass(frozen=True)
class Handover:
    """``km2`` of ground served by ``from_manager`` in OLD and by ``to_manager`` in NEW."""

    from_manager: str | None
    to_manager: str | None
    km2: float
    territories: tuple[str, ...]


@lru_cache(maxsize=1)
def _to_equal_area() -> Transformer:
    return Transformer.from_crs("EPSG:4326", _EQUAL_AREA, always_xy=True)


def _project(geom):
    transformer = _to_equal_area()
    return shapely.transform(geom, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


def _km2(geom) -> float:
    return shapely.area(geom) / 1e6


def _service_map(bs: BoundarySet, day: dt.date) -> list[tuple[str, str | None, object]]:
    """(territory name, manager name, projected geometry) with zones carved out of the offices they restrict."""
    out = []
    for t in bs.territories:
        geom = _project(t.geometry)
        restricting = bs.zones_restricting(t.id)
        manager = bs.manager_for(t.id, day)
        if restricting:
            geom = shapely.difference(geom, shapely.union_all([_project(z.geometry) for z in restricting]))
        out.append((t.name, manager.name if manager else None, geom))
    return out


def diff_sets(old: BoundarySet, new: BoundarySet, day: dt.date | None = None) -> tuple[list[TerritoryChange], list[Handover]]:
    """Territory area changes and manager handovers from ``old`` to ``new`` as of ``day`` (default today)."""
    day = day or dt.date.today()
    changes = []
    for tid in sorted(set(old.by_id) | set(new.by_id)):
        a, b = old.by_id.get(tid), new.by_id.get(tid)
        ga = _project(a.geometry) if a else shapely.Polygon()
        gb = _project(b.geometry) if b else shapely.Polygon()
        gained, lost = _km2(shapely.difference(gb, ga)), _km2(shapely.difference(ga, gb))
        ma = old.manager_for(tid, day) if a else None
        mb = new.manager_for(tid, day) if b else None
        if gained > MIN_CHANGE_KM2 or lost > MIN_CHANGE_KM2 or (ma and ma.name) != (mb and mb.name):
            changes.append(TerritoryChange(tid, (b or a).name, _km2(ga), _km2(gb), gained, lost,
                                           ma.name if ma else None, mb.name if mb else None))
    handovers: dict[tuple, list] = defaultdict(lambda: [0.0, set()])
    new_map = _service_map(new, day)
    tree = shapely.STRtree([g for _, _, g in new_map])
    for name_a, manager_a, geom_a in _service_map(old, day):
        for j in tree.query(geom_a, predicate="intersects"):
            name_b, manager_b, geom_b = new_map[j]
            if manager_a == manager_b:
                continue
            km2 = _km2(shapely.intersection(geom_a, geom_b))
            if km2 > MIN_CHANGE_KM2:
                entry = handovers[(manager_a, manager_b)]
                entry[0] += km2
                entry[1].update({name_a, name_b})
    return changes, [Handover(a, b, km2, tuple(sorted(names))) for (a, b), (km2, names) in sorted(
        handovers.items(), key=lambda kv: -kv[1][0])]

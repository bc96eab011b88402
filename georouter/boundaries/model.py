"""The boundary set's domain objects: frozen dataclasses, geometry in WGS84 lon/lat (EPSG:4326)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from shapely.geometry.base import BaseGeometry

STREET_OFFICE = "street_office"
ZONE = "zone"


@dataclass(frozen=True)
class Territory:
    """A street office (街道) or a special zone; ``geometry`` is a (Multi)Polygon in EPSG:4326.

    A zone ``restricts`` the street offices it lies in: inside those, only the zone's area is served.
    ``approximate`` territories carry the ``uncertainty_m`` of their edges.
    """

    id: str
    name: str
    kind: str
    district: str
    district_code: str
    geometry: BaseGeometry = field(repr=False, compare=False)
    approximate: bool = False
    uncertainty_m: float = 0.0
    restricts: tuple[str, ...] = ()
    codes: Mapping[str, str] = field(default_factory=dict, compare=False)

    def ref(self) -> dict:
        """The API's short description: id, name, kind, district."""
        return {"id": self.id, "name": self.name, "kind": self.kind, "district": self.district}


@dataclass(frozen=True)
class Manager:
    """A customer manager (客户经理) with the public service phone of the seed."""

    id: str
    name: str
    phone: str

    def ref(self) -> dict:
        return {"id": self.id, "name": self.name, "phone": self.phone}


@dataclass(frozen=True)
class RosterEntry:
    """Manager ``manager_id`` serves territory ``territory_id`` from ``valid_from`` to ``valid_to``.

    ``valid_to`` is exclusive and ``None`` means open-ended. ``basis`` is ``seed`` (transcribed from
    the seed document) or ``inferred`` (decided in ``decisions.csv``, e.g. a successor territory).
    ``source_name`` is the territory name as written in the source.
    """

    manager_id: str
    territory_id: str
    valid_from: dt.date
    valid_to: dt.date | None
    basis: str
    source_name: str
    note: str = ""

    def active_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


@dataclass(frozen=True)
class Decision:
    """An explicit reconciliation decision for a territory the roster does not name.

    ``decision`` is ``inherit`` (take ``inherit_from``'s manager), ``unserved`` (known, no manager)
    or ``zones_only`` (served only inside the zones that restrict it).
    """

    territory_id: str
    name: str
    district: str
    decision: str
    inherit_from: str
    basis: str
    reason: str


@dataclass(frozen=True)
class LineageEntry:
    """A historical, renamed, merged, split or alias name and its current successor(s)."""

    name: str
    district: str
    kind: str
    successors: tuple[str, ...]
    date: str
    rule: str
    source: str
    note: str = ""


@dataclass(frozen=True)
class Community:
    """A community (社区/村) under its street office."""

    name: str
    district: str
    territory_id: str


@dataclass(frozen=True)
class BoundarySet:
    """Everything one boundary version holds; immutable once loaded."""

    version: str
    manifest: Mapping
    territories: tuple[Territory, ...]
    districts: Mapping[str, BaseGeometry]
    district_codes: Mapping[str, str]
    managers: Mapping[str, Manager]
    roster: tuple[RosterEntry, ...]
    decisions: tuple[Decision, ...]
    lineage: tuple[LineageEntry, ...]
    communities: tuple[Community, ...]

    def __post_init__(self):
        object.__setattr__(self, "_by_id", MappingProxyType({t.id: t for t in self.territories}))
        by_territory: dict[str, list[RosterEntry]] = {}
        for entry in self.roster:
            by_territory.setdefault(entry.territory_id, []).append(entry)
        object.__setattr__(self, "_roster_by_territory", MappingProxyType(
            {tid: tuple(entries) for tid, entries in by_territory.items()}))

    @property
    def by_id(self) -> Mapping[str, Territory]:
        return self._by_id  # type: ignore[attr-defined]

    def territory(self, territory_id: str) -> Territory:
        return self.by_id[territory_id]

    def roster_entry(self, territory_id: str, day: dt.date) -> RosterEntry | None:
        """The roster entry serving ``territory_id`` on ``day``, or ``None``."""
        for entry in self._roster_by_territory.get(territory_id, ()):  # type: ignore[attr-defined]
            if entry.active_on(day):
                return entry
        return None

    def manager_for(self, territory_id: str, day: dt.date) -> Manager | None:
        entry = self.roster_entry(territory_id, day)
        return self.managers[entry.manager_id] if entry else None

    def zones_restricting(self, territory_id: str) -> list[Territory]:
        """The zones that decide inside street office ``territory_id`` (城阳: 夏庄/流亭)."""
        return [t for t in self.territories if t.kind == ZONE and territory_id in t.restricts]

    def decision_for(self, territory_id: str) -> Decision | None:
        return next((d for d in self.decisions if d.territory_id == territory_id), None)

    @property
    def served_districts(self) -> frozenset[str]:
        """Districts with at least one roster entry (at any date)."""
        return frozenset(self.by_id[e.territory_id].district for e in self.roster if e.territory_id in self.by_id)

    def summary(self) -> dict:
        kinds: dict[str, int] = {}
        for t in self.territories:
            kinds[t.kind] = kinds.get(t.kind, 0) + 1
        return {"boundary_version": self.version, "territories": kinds,
                "districts": len(self.districts), "managers": len(self.managers),
                "roster_entries": len(self.roster)}

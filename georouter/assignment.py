"""The answer to "who serves this place": small frozen dataclasses and their JSON form."""

from __future__ import annotations

from dataclasses import dataclass

from .boundaries.model import Manager, Territory

ASSIGNED = "assigned"
AMBIGUOUS = "ambiguous"
OUTSIDE = "outside_service_area"
NOT_FOUND = "not_found"
STATUSES = (ASSIGNED, AMBIGUOUS, OUTSIDE, NOT_FOUND)


@dataclass(frozen=True)
class Location:
    """Where the query was placed, in WGS84; ``precision`` says how finely (exact … district)."""

    lon: float
    lat: float
    precision: str = "exact"
    source: str = "input"
    crs: str = "wgs84"

    def to_dict(self) -> dict:
        return {"lon": round(self.lon, 7), "lat": round(self.lat, 7), "crs": self.crs,
                "precision": self.precision, "source": self.source}


@dataclass(frozen=True)
class Candidate:
    """Another territory the query could belong to, with its manager and why it is listed."""

    territory: Territory
    manager: Manager | None
    reason: str

    def to_dict(self) -> dict:
        return {"manager": _manager_dict(self.manager), "territory": _territory_dict(self.territory),
                "reason": self.reason}


def _manager_dict(manager: Manager | None) -> dict | None:
    return None if manager is None else manager.ref()


def _territory_dict(territory: Territory | None) -> dict | None:
    return None if territory is None else territory.ref()


@dataclass(frozen=True)
class Assignment:
    """One answer. ``manager`` is set only when ``status == "assigned"``."""

    status: str
    boundary_version: str
    manager: Manager | None = None
    territory: Territory | None = None
    location: Location | None = None
    confidence: float = 0.0
    candidates: tuple[Candidate, ...] = ()
    warnings: tuple[str, ...] = ()
    explanation: str = ""

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")
        if self.manager is not None and self.status != ASSIGNED:
            raise ValueError("a manager is only given with status 'assigned'")

    def to_dict(self) -> dict:
        """The API's JSON body (see the OpenAPI document)."""
        return {
            "status": self.status,
            "manager": _manager_dict(self.manager),
            "territory": _territory_dict(self.territory),
            "location": self.location.to_dict() if self.location else None,
            "confidence": round(self.confidence, 3),
            "candidates": [c.to_dict() for c in self.candidates],
            "warnings": list(self.warnings),
            "explanation": self.explanation,
            "boundary_version": self.boundary_version,
        }

"""The public Python API: ``Router.from_directory(path).assign(...)``.

    >>> router = Router.from_directory()                 # the shipped boundaries
    >>> router.assign(lon=120.3151, lat=36.0666).manager.name
    '金志新'
    >>> router.assign("市北区合肥路街道同德路82号").status
    'assigned'

The request path is a chain of small steps: parse/geocode (``georouter.geocoding``) → locate
(:class:`TerritoryIndex`) → decide (:class:`Decider`) → explain. A router is immutable; reloading
builds a new one and swaps the reference.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Sequence
from zoneinfo import ZoneInfo

import numpy as np

from .assignment import Assignment, Location
from .boundaries.load import load_boundary_set
from .boundaries.model import BoundarySet
from .coords import WGS84, normalize_crs, to_wgs84
from .decide import Decider
from .errors import InvalidInput
from .geocoding.assign import assign_geocoded
from .index import TerritoryIndex
from .paths import default_boundaries_dir

LOCAL_TZ = ZoneInfo("Asia/Shanghai")
DEFAULT_OFFSHORE_M = 300.0


def parse_day(at: dt.date | str | None) -> dt.date:
    """``at`` as a date; ``None`` = today in Qingdao. Raises :class:`InvalidInput` for a bad string."""
    if at is None:
        return dt.datetime.now(LOCAL_TZ).date()
    if isinstance(at, dt.datetime):
        return at.date()
    if isinstance(at, dt.date):
        return at
    try:
        return dt.date.fromisoformat(str(at))
    except ValueError as err:
        raise InvalidInput(f"'at' must be a date YYYY-MM-DD, not {at!r}", details={"field": "at"}) from err


def check_lon_lat(lon, lat, crs: str) -> tuple[float, float]:
    """Numbers, finite, and for geographic CRSs within ±180/±90; raises :class:`InvalidInput`."""
    try:
        lon, lat = float(lon), float(lat)
    except (TypeError, ValueError) as err:
        raise InvalidInput("lon and lat must be numbers", details={"field": "lon/lat"}) from err
    if crs in ("wgs84", "gcj02", "bd09", "cgcs2000") and not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise InvalidInput(f"lon {lon} / lat {lat} out of range (lon ±180, lat ±90)", details={"field": "lon/lat"})
    return lon, lat


class Router:
    """Assigns addresses and points to territories and managers over one boundary set."""

    def __init__(self, boundary_set: BoundarySet, *, offshore_m: float = DEFAULT_OFFSHORE_M, online=None):
        """Prefer :meth:`from_directory` or :meth:`from_boundary_set`.

        ``online`` is a :class:`~georouter.geocoding.chain.ResilientProvider` put in front of the
        offline gazetteer; ``None`` = the gazetteer alone (the embedded default).
        """
        from .geocoding.chain import GeocoderChain
        from .geocoding.gazetteer import Gazetteer

        self.boundaries = boundary_set
        self.index = TerritoryIndex.from_geometries([t.geometry for t in boundary_set.territories])
        self.decider = Decider(boundary_set, self.index, offshore_m)
        gazetteer = Gazetteer.from_boundary_set(boundary_set)
        self.geocoder = gazetteer if online is None else GeocoderChain(online, gazetteer)

    @classmethod
    def from_boundary_set(cls, boundary_set: BoundarySet, **options) -> "Router":
        return cls(boundary_set, **options)

    @classmethod
    def from_directory(cls, path: Path | str | None = None, **options) -> "Router":
        """Load and validate the boundary directory ``path`` (``None`` = the shipped set)."""
        return cls(load_boundary_set(Path(path) if path else default_boundaries_dir()), **options)

    @property
    def version(self) -> str:
        return self.boundaries.version

    def summary(self) -> dict:
        return self.boundaries.summary()

    def assign(self, address: str | None = None, *, lon: float | None = None, lat: float | None = None,
               crs: str = WGS84, at: dt.date | str | None = None) -> Assignment:
        """Who serves ``address`` (free Chinese text) or the point (``lon``, ``lat``) in ``crs``, as of ``at``."""
        day = parse_day(at)
        if address is not None and (lon is not None or lat is not None):
            raise InvalidInput("give either an address or lon/lat, not both", details={"field": "address"})
        if address is not None:
            if not str(address).strip():
                raise InvalidInput("address is empty", details={"field": "address"})
            return assign_geocoded(self, self.geocoder.geocode(str(address)), str(address), day)
        if lon is None or lat is None:
            raise InvalidInput("give an address, or both lon and lat", details={"field": "lon/lat"})
        crs = normalize_crs(crs)
        lon, lat = check_lon_lat(lon, lat, crs)
        wlon, wlat = to_wgs84(lon=lon, lat=lat, crs=crs)
        return self.assign_location(Location(wlon, wlat, "exact", _input_source(crs)), day)

    def assign_location(self, location: Location, day: dt.date) -> Assignment:
        """Decide for a WGS84 location already placed (used by the geocoding step too)."""
        hits = self.index.locate(lon=location.lon, lat=location.lat)
        return self.decider.decide(hits, location, day)

    def assign_many(self, lons: Sequence[float], lats: Sequence[float], *, crs: str = WGS84,
                    at: dt.date | str | None = None) -> list[Assignment]:
        """Vectorised :meth:`assign` for many points in one CRS (shapely 2 arrays under the hood)."""
        day = parse_day(at)
        crs = normalize_crs(crs)
        points = list(zip(*check_many(lons, lats, crs)))
        if crs != WGS84:
            points = [to_wgs84(lon=lo, lat=la, crs=crs) for lo, la in points]
        if not points:
            return []
        wlons = np.fromiter((p[0] for p in points), float, len(points))
        wlats = np.fromiter((p[1] for p in points), float, len(points))
        point_positions, geom_positions = self.index.locate_many(wlons, wlats)
        hits: list[list[int]] = [[] for _ in points]
        for point, geom in zip(point_positions.tolist(), geom_positions.tolist()):
            hits[point].append(geom)
        source = _input_source(crs)
        return [self.decider.decide(tuple(h), Location(lo, la, "exact", source), day)
                for h, (lo, la) in zip(hits, points)]


def _input_source(crs: str) -> str:
    """How a caller's point got to WGS84, for ``Location.source``."""
    return "input" if crs == WGS84 else f"input ({crs} → wgs84)"


def check_many(lons: Sequence[float], lats: Sequence[float], crs: str) -> tuple[list[float], list[float]]:
    """Validate arrays of coordinates; raises :class:`InvalidInput` naming the first bad row."""
    if len(lons) != len(lats):
        raise InvalidInput("lons and lats differ in length", details={"field": "lon/lat"})
    out_lons, out_lats = [], []
    for row, (lon, lat) in enumerate(zip(lons, lats)):
        try:
            lon, lat = check_lon_lat(lon, lat, crs)
        except InvalidInput as err:
            raise InvalidInput(f"row {row}: {err.message}", details={"row": row, **err.details}) from err
        out_lons.append(lon)
        out_lats.append(lat)
    return out_lons, out_lats

"""Coordinates: every point says its CRS, and everything is converted to WGS84 lon/lat here.

Chinese map APIs publish GCJ-02 (Amap, Tencent) or BD-09 (Baidu); our boundaries are WGS84. The
difference is ~450 m in Qingdao, the classic silent bug. GCJ-02 and BD-09 are published only as
forward formulas (WGS84 → GCJ-02 → BD-09); :func:`to_wgs84` inverts them by fixed-point iteration
to better than 1e-9° (~0.1 mm). Any EPSG code goes through pyproj with ``always_xy=True``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from .errors import InvalidInput

WGS84 = "wgs84"
GCJ02 = "gcj02"
BD09 = "bd09"
CGCS2000 = "cgcs2000"

_ALIASES = {"wgs84": WGS84, "epsg:4326": WGS84, "gcj02": GCJ02, "gcj-02": GCJ02, "bd09": BD09,
            "bd-09": BD09, "bd09ll": BD09, "cgcs2000": CGCS2000, "epsg:4490": CGCS2000}

_A = 6378245.0                    # Krasovsky 1940 semi-major axis used by GCJ-02
_EE = 0.00669342162296594323      # its first eccentricity squared
_X_PI = math.pi * 3000.0 / 180.0  # BD-09's rotation constant
_TOLERANCE_DEG = 1e-10
_MAX_ITERATIONS = 30


@dataclass(frozen=True)
class Position:
    """A point with its CRS name: ``Position(lon=…, lat=…, crs="wgs84")``."""

    lon: float
    lat: float
    crs: str = WGS84


def normalize_crs(name: str) -> str:
    """Canonical CRS name: ``wgs84``, ``gcj02``, ``bd09``, ``cgcs2000`` or ``EPSG:<n>``.

    Raises :class:`InvalidInput` for a name pyproj does not know.
    """
    key = (name or "").strip().lower()
    if key in _ALIASES:
        return _ALIASES[key]
    if key.startswith("epsg:") and key[5:].isdigit():
        try:
            CRS.from_epsg(int(key[5:]))
        except CRSError as err:
            raise InvalidInput(f"unknown CRS {name!r}", details={"field": "crs"}) from err
        return f"EPSG:{int(key[5:])}"
    raise InvalidInput(f"unknown CRS {name!r}: use wgs84, gcj02, bd09, cgcs2000 or EPSG:<code>",
                       details={"field": "crs"})


def _out_of_china(lon: float, lat: float) -> bool:
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _delta(lon: float, lat: float) -> tuple[float, float]:
    x, y = lon - 105.0, lat - 35.0
    dlat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
            + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
            + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
            + (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0)
    dlon = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
            + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
            + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
            + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0)
    rad_lat = math.radians(lat)
    magic = 1 - _EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return dlon, dlat


def wgs84_to_gcj02(*, lon: float, lat: float) -> tuple[float, float]:
    """The published forward GCJ-02 formula; identity outside China."""
    if _out_of_china(lon, lat):
        return lon, lat
    dlon, dlat = _delta(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_bd09(*, lon: float, lat: float) -> tuple[float, float]:
    """The published forward BD-09 formula (from GCJ-02)."""
    z = math.sqrt(lon * lon + lat * lat) + 0.00002 * math.sin(lat * _X_PI)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * _X_PI)
    return z * math.cos(theta) + 0.0065, z * math.sin(theta) + 0.006


def wgs84_to_bd09(*, lon: float, lat: float) -> tuple[float, float]:
    glon, glat = wgs84_to_gcj02(lon=lon, lat=lat)
    return gcj02_to_bd09(lon=glon, lat=glat)


def _invert(forward, lon: float, lat: float) -> tuple[float, float]:
    """Solve forward(x) = (lon, lat) by fixed-point iteration (the offset field is smooth)."""
    x, y = lon, lat
    for _ in range(_MAX_ITERATIONS):
        fx, fy = forward(lon=x, lat=y)
        dx, dy = fx - lon, fy - lat
        x, y = x - dx, y - dy
        if abs(dx) < _TOLERANCE_DEG and abs(dy) < _TOLERANCE_DEG:
            break
    return x, y


def gcj02_to_wgs84(*, lon: float, lat: float) -> tuple[float, float]:
    """Inverse of :func:`wgs84_to_gcj02`, accurate to ~1e-10°."""
    return _invert(wgs84_to_gcj02, lon, lat)


def bd09_to_gcj02(*, lon: float, lat: float) -> tuple[float, float]:
    """Inverse of :func:`gcj02_to_bd09`, accurate to ~1e-10°."""
    return _invert(gcj02_to_bd09, lon, lat)


def bd09_to_wgs84(*, lon: float, lat: float) -> tuple[float, float]:
    """Inverse of :func:`wgs84_to_bd09`, accurate to ~1e-10°."""
    return _invert(wgs84_to_bd09, lon, lat)


@lru_cache(maxsize=64)
def _transformer(crs: str) -> Transformer:
    return Transformer.from_crs(crs, "EPSG:4326", always_xy=True)


def to_wgs84(*, lon: float, lat: float, crs: str = WGS84) -> tuple[float, float]:
    """Convert a point given in ``crs`` to WGS84 (lon, lat). ``lon``/``lat`` are x/y for projected CRSs.

    Raises :class:`InvalidInput` for an unknown CRS or a result that is not a valid lon/lat.
    """
    crs = normalize_crs(crs)
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise InvalidInput("coordinates must be finite numbers", details={"field": "lon/lat"})
    if crs == WGS84:
        result = (lon, lat)
    elif crs == GCJ02:
        result = gcj02_to_wgs84(lon=lon, lat=lat)
    elif crs == BD09:
        result = bd09_to_wgs84(lon=lon, lat=lat)
    else:
        result = _transformer("EPSG:4490" if crs == CGCS2000 else crs).transform(lon, lat)
    out_lon, out_lat = result
    if not (math.isfinite(out_lon) and math.isfinite(out_lat) and -180 <= out_lon <= 180 and -90 <= out_lat <= 90):
        raise InvalidInput(f"coordinates ({lon}, {lat}) in {crs} are not a valid position",
                           details={"field": "lon/lat"})
    return out_lon, out_lat

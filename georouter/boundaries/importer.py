"""Import GIS staff's boundary files into a new boundary version.

A file (GeoJSON, Shapefile, GeoPackage — anything GDAL reads, through pyogrio) holds polygons with
an ``id`` (or ``name`` and ``district``) naming the territory they replace, or new territories
with their ``kind``. Its coordinates are reprojected to WGS84 from the CRS the user states
(``--crs``): CGCS2000 (EPSG:4490), Gauss-Krüger (EPSG:4549, zone-prefixed EPSG:4527 …), GCJ-02,
BD-09, WGS84 or any EPSG code. A missing or implausible CRS is refused with a clear message.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import mapping

from ..coords import BD09, GCJ02, WGS84, bd09_to_wgs84, gcj02_to_wgs84, normalize_crs
from ..errors import BoundaryDataError, InvalidInput
from . import files
from .validate import bounds_problem, validate_directory

def _declared_crs(meta: dict) -> str | None:
    text = meta.get("crs")
    if not text:
        return None
    crs = CRS.from_user_input(text)
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.to_string()


def _same_crs(stated: str, declared: str) -> bool:
    geographic = {WGS84, "cgcs2000"}
    try:
        declared = normalize_crs(declared)
    except InvalidInput:
        return False
    return stated == declared or {stated, declared} <= geographic


def _reproject(geoms: np.ndarray, crs: str) -> np.ndarray:
    """Geometries in ``crs`` → WGS84 lon/lat."""
    if crs in (WGS84, "cgcs2000"):
        return geoms
    if crs == GCJ02:
        inverse = np.vectorize(lambda x, y: gcj02_to_wgs84(lon=x, lat=y))
    elif crs == BD09:
        inverse = np.vectorize(lambda x, y: bd09_to_wgs84(lon=x, lat=y))
    else:
        transformer = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
        return shapely.transform(geoms, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))
    return shapely.transform(geoms, lambda xy: np.column_stack(inverse(xy[:, 0], xy[:, 1])))


def _plausibility(geoms: np.ndarray, stated: str) -> None:
    problem = bounds_problem(shapely.total_bounds(geoms))
    if problem is not None:
        raise InvalidInput(f"after reading the file as {stated}, its coordinates are not in Qingdao: {problem}",
                           details={"field": "crs"})


def read_features(path: Path, crs: str | None) -> list[dict]:
    """Read ``path`` with GDAL (pyogrio) and return WGS84 GeoJSON features with their properties."""
    from pyogrio import raw

    try:
        meta, _, wkb, field_data = raw.read(str(path))
    except Exception as err:  # pyogrio raises several GDAL error types
        raise InvalidInput(f"cannot read {path}: {err}", details={"field": "file"}) from err
    declared = _declared_crs(meta)
    if crs is None and declared is None:
        raise InvalidInput(f"{path} declares no CRS: give --crs (wgs84, cgcs2000, gcj02, bd09, EPSG:4549 …)",
                           details={"field": "crs"})
    stated = normalize_crs(crs or declared)
    # GCJ-02/BD-09 cannot be declared in a file (it says WGS84 at best): the user's word wins there.
    if crs and declared and stated not in (GCJ02, BD09) and not _same_crs(stated, declared):
        raise InvalidInput(f"--crs {crs} contradicts the CRS the file declares ({declared})",
                           details={"field": "crs"})
    geoms = shapely.from_wkb(np.array(wkb, dtype=object))
    if len(geoms) == 0:
        raise InvalidInput(f"{path} holds no features", details={"field": "file"})
    geoms = _reproject(geoms, stated)
    _plausibility(geoms, stated)
    geoms = shapely.orient_polygons(geoms)
    names = list(meta["fields"])
    out = []
    for i, geom in enumerate(geoms):
        props = {name: (field_data[k][i].item() if hasattr(field_data[k][i], "item") else field_data[k][i])
                 for k, name in enumerate(names)}
        out.append({"type": "Feature", "properties": props, "geometry": mapping(geom)})
    return out


def merge_features(base_dir: Path, features: list[dict]) -> tuple[list[dict], list[str]]:
    """Replace base territories by id (or name + district), or add new ones; returns features and a log."""
    base = files.read_json(base_dir / files.TERRITORIES)["features"]
    by_id = {f["properties"]["id"]: f for f in base}
    by_name = {(f["properties"]["name"], f["properties"]["district"]): f for f in base}
    log = []
    for number, incoming in enumerate(features, start=1):
        props = {k: v for k, v in incoming["properties"].items() if v not in (None, "")}
        target = by_id.get(str(props.get("id"))) or by_name.get((props.get("name"), props.get("district")))
        if target is not None:
            target["geometry"] = incoming["geometry"]
            for key in ("approximate", "uncertainty_m"):
                if key in props:
                    target["properties"][key] = props[key]
            log.append(f"replaced {target['properties']['name']} ({target['properties']['id']})")
            continue
        missing = [k for k in ("id", "name", "kind", "district") if k not in props]
        if missing:
            raise InvalidInput(f"feature {number} matches no territory and lacks {', '.join(missing)} to be added",
                               details={"field": "file"})
        if isinstance(props.get("restricts"), str):
            props["restricts"] = json.loads(props["restricts"]) if props["restricts"].startswith("[") \
                else props["restricts"].split(";")
        base.append({"type": "Feature", "properties": props, "geometry": incoming["geometry"]})
        log.append(f"added {props['name']} ({props['id']})")
    return base, log


def build_version(base_dir: Path, features: list[dict], source: str, out_dir: Path) -> dict:
    """Write base + imported features into ``out_dir``, validate, and return its manifest.

    Raises :class:`BoundaryDataError` (with every problem) if the result is not a valid set.
    """
    merged, log = merge_features(base_dir, features)
    for name in files.DATA_FILES + (files.LICENSE,):
        if name != files.TERRITORIES and (base_dir / name).exists():
            (out_dir / name).write_bytes((base_dir / name).read_bytes())
    (out_dir / files.TERRITORIES).write_text(
        files.geojson_text({"type": "FeatureCollection", "name": "territories", "features": merged}), encoding="utf-8")
    base_manifest = files.read_json(base_dir / files.MANIFEST)
    manifest = files.write_manifest(out_dir, {
        "built_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "built_by": f"georouter boundaries import {source}",
        "crs": "EPSG:4326 (WGS84, lon/lat, RFC 7946)",
        "parent": base_manifest.get("version"),
        "sources": base_manifest.get("sources", []) + [{"file": source, "what": "GIS import"}],
        "changes": log,
    })
    report = validate_directory(out_dir)
    if not report.ok:
        raise BoundaryDataError(f"the imported set is invalid ({len(report.of('error'))} errors); nothing was written",
                                details={"problems": [str(p) for p in report.of("error")]})
    return manifest

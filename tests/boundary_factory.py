"""Write small boundary directories for tests (tiny hand-made sets, or edited copies of the shipped one)."""

from __future__ import annotations

import shutil
from pathlib import Path

from shapely.geometry import box, mapping

from georouter.boundaries import files
from georouter.paths import default_boundaries_dir

DATA = Path(__file__).resolve().parent / "data"
X0, Y0 = 120.30, 36.10      # inside Qingdao, so the coordinate checks pass
SIDE = 0.01


def square(col: int, row: int = 0):
    """A SIDE-degree square at grid position (col, row) from (X0, Y0)."""
    return box(X0 + col * SIDE, Y0 + row * SIDE, X0 + (col + 1) * SIDE, Y0 + (row + 1) * SIDE)


def feature(tid: str, name: str, geometry, *, kind: str = "street_office", district: str = "测试区", **extra) -> dict:
    geometry_json = geometry if isinstance(geometry, dict) else mapping(geometry)
    props = {"id": tid, "name": name, "kind": kind, "district": district, "district_code": "379999",
             "approximate": False, "uncertainty_m": 0, "restricts": [], "codes": {}}
    props.update(extra)
    return {"type": "Feature", "properties": props, "geometry": geometry_json}


def roster_row(manager_id: str, manager: str, phone: str, territory: str, *, valid_from="2021-01-01",
               valid_to="", district="测试区") -> dict:
    return {"manager_id": manager_id, "manager": manager, "phone": phone, "district": district,
            "territory": territory, "valid_from": valid_from, "valid_to": valid_to, "basis": "seed",
            "source": "test", "note": ""}


def write_set(directory: Path, territories: list[dict], roster: list[dict], *, decisions=(), lineage=(),
              communities=(), districts=None) -> Path:
    """Write a complete boundary directory and its manifest; returns ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    if districts is None:
        from shapely.geometry import shape
        import shapely
        offices = [shape(f["geometry"]) for f in territories if f["properties"]["kind"] == "street_office"]
        districts = [{"type": "Feature", "properties": {"name": "测试区", "code": "379999"},
                      "geometry": mapping(shapely.union_all(shapely.make_valid(offices)))}]
    texts = {
        files.TERRITORIES: files.geojson_text({"type": "FeatureCollection", "features": territories}),
        files.DISTRICTS: files.geojson_text({"type": "FeatureCollection", "features": districts}),
        files.ROSTER: files.csv_text(files.ROSTER_COLUMNS, roster),
        files.DECISIONS: files.csv_text(files.DECISION_COLUMNS, decisions),
        files.LINEAGE: files.csv_text(files.LINEAGE_COLUMNS, lineage),
        files.COMMUNITIES: files.csv_text(files.COMMUNITY_COLUMNS, communities),
    }
    for name, text in texts.items():
        (directory / name).write_text(text, encoding="utf-8")
    files.write_manifest(directory, {"built_by": "tests"})
    return directory


def two_squares(directory: Path) -> Path:
    """A (甲街道, manager 甲) and B (乙街道, manager 乙) sharing the edge lon = X0 + SIDE."""
    return write_set(directory, [feature("A", "甲街道", square(0)), feature("B", "乙街道", square(1))],
                     [roster_row("M1", "甲", "10000000001", "甲街道"), roster_row("M2", "乙", "10000000002", "乙街道")])


def shipped_copy(directory: Path) -> Path:
    """A writable copy of the shipped boundary set."""
    shutil.copytree(default_boundaries_dir(), directory)
    return directory

#!/usr/bin/env python3
"""Build ``boundaries/`` from the shared source data (OSM boundaries, code table, communities, zones).

    python scripts/build_boundaries.py --source ../shared/data --out boundaries

Reproducible: the same inputs give byte-identical data files and the same version id (the build
date is recorded in the manifest but not hashed). The roster, decisions and lineage tables are
transcribed here, next to their sources, so that every fact the service uses is reviewable data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from georouter.boundaries import files  # noqa: E402

SEED = "泰然〔2021〕23号《客户经理代表管理制度》附件2《客户经理责任区域划分》(2021-04-19)"
SEED_DATE = "2021-04-19"
DATA_README = "shared/data/README.md (street-office history)"

DISTRICT_NAMES = {"青岛西海岸新区（黄岛区）": "黄岛区"}

# 附件2, transcribed row by row: (district, manager, phone, street offices as written).
ROSTER = [
    ("市南区", "金志新", "19862252358", "八大峡街道办事处、云南路街道办事处、中山路街道办事处、江苏路街道办事处、八大关街道办事处"),
    ("市南区", "项文革", "19862252335", "湛山街道办事处、香港中路街道办事处、八大湖街道办事处、金门路街道办事处、珠海路街道办事处"),
    ("市北区", "王广立", "19862252356", "大港街道办事处、台东街道办事处、即墨路街道办事处、辽宁路街道办事处、登州路街道办事处"),
    ("市北区", "赵德道", "19862252330", "敦化路街道办事处、镇江路街道办事处、延安路街道办事处、宁夏路街道办事处"),
    ("市北区", "周辉国", "19862252355", "合肥路街道办事处、浮山新区街道办事处、辽源路街道办事处、河西街道办事处"),
    ("市北区", "王昂", "19862252336", "兴隆路街道办事处、四方街道办事处、鞍山路街道办事处、海伦路街道办事处、阜新路街道办事处"),
    ("市北区", "许天诚", "19862252332", "开平路街道办事处、湖岛街道办事处、洛阳路街道办事处、水清沟街道办事处"),
    ("李沧区", "李建伟", "19862252327", "振华路街道办事处、李村街道办事处、浮山路街道办事处"),
    ("李沧区", "孙绪波", "19862252357", "湘潭路街道办事处、虎山街道办事处"),
    ("李沧区", "张龙飞", "19862252359", "九水街道办事处、世园街道办事处"),
    ("崂山区", "陈志坚", "19862252339", "沙子口街道办事处"),
    ("崂山区", "常显隆", "17664040251", "王哥庄街道办事处"),
    ("崂山区", "赵耀", "18660297339", "中韩街道办事处"),
    ("崂山区", "于亚辰", "19862237865", "金家岭街道办事处"),
    ("城阳区", "宁军", "13153281509", "城阳经营区域、流亭机场区域"),
]
ROSTER_NOTES = {
    "宁军": "附件2: 夏庄街道办事处、流亭街道办事处，注：城阳经营区域为仙山路以南、重庆路以东、夏庄街道山体以西、"
            "城阳区和李沧区交界线以北区域；流亭机场区域 — served only inside these two zones",
}

ZONES = {
    "城阳经营区域": "zone-chengyang-operating",
    "流亭机场区域": "zone-liuting-airport",
}

# Territories of served districts that the seed does not name: each gets a decision and a reason.
DECISIONS = [
    ("金湖路街道", "市南区", "inherit", "八大湖街道", "inferred",
     "2010年后由八大湖街道的亢家庄、延吉路、徐州路、泰州路社区重设；2021年原表未列，按前身八大湖街道的客户经理推定"),
    ("双山街道", "市北区", "unserved", "", "seed",
     "现行街道（2010年后设立），原表未列，无客户经理"),
    ("楼山街道", "李沧区", "unserved", "", "seed", "原表未列，无客户经理"),
    ("兴城路街道", "李沧区", "unserved", "", "seed", "原表未列，无客户经理"),
    ("兴华路街道", "李沧区", "unserved", "", "seed", "原表未列，无客户经理"),
    ("沧口街道", "李沧区", "unserved", "", "seed", "原表未列，无客户经理"),
    ("北宅街道", "崂山区", "unserved", "", "seed", "原表未列，无客户经理"),
    ("夏庄街道", "城阳区", "zones_only", "", "seed",
     "原表限定城阳仅在城阳经营区域、流亭机场区域内服务，区域外不属经营区域"),
    ("流亭街道", "城阳区", "zones_only", "", "seed",
     "原表限定城阳仅在城阳经营区域、流亭机场区域内服务，区域外不属经营区域"),
    ("城阳街道", "城阳区", "unserved", "", "seed", "城阳区仅两处经营区域内服务"),
    ("棘洪滩街道", "城阳区", "unserved", "", "seed", "城阳区仅两处经营区域内服务"),
    ("上马街道", "城阳区", "unserved", "", "seed", "城阳区仅两处经营区域内服务"),
    ("惜福镇街道", "城阳区", "unserved", "", "seed", "城阳区仅两处经营区域内服务"),
    ("红岛街道", "城阳区", "unserved", "", "seed",
     "城阳区仅两处经营区域内服务（红岛在部分名录中属高新区）"),
    ("河套街道", "城阳区", "unserved", "", "seed",
     "城阳区仅两处经营区域内服务（河套在部分名录中属高新区）"),
]

# Old, renamed, merged, split and alias names: (name, district, kind, successors, date, rule, note).
LINEAGE = [
    ("鞍山路街道", "市北区", "merged", "阜新路街道", "2001-04-09", "",
     "old 四方区; the seed still lists it, under 王昂 like 阜新路"),
    ("中韩街道", "崂山区", "split", "中韩街道;金家岭街道", "2017-04", "辽阳东路以南为金家岭街道，以北为中韩街道",
     "addresses written after 2017 still say 中韩街道 for places now in 金家岭"),
    ("九水路街道", "李沧区", "split", "九水街道;世园街道", "", "", "created c. 2004, later split; both 张龙飞"),
    ("八大湖街道", "市南区", "split", "八大湖街道;金湖路街道", "after 2010", "",
     "金湖路 re-created from 八大湖 communities 亢家庄, 延吉路, 徐州路, 泰州路"),
    ("利津路街道", "市北区", "merged", "台东街道", "", "", ""),
    ("热河路街道", "市北区", "merged", "即墨路街道", "", "", ""),
    ("南仲家洼街道", "市北区", "renamed", "宁夏路街道", "1996", "", ""),
    ("胶州路街道", "市北区", "merged", "", "", "",
     "merged; successor not recorded in the sources here (市北, near 市南's border): resolves to 市北区 only"),
    ("虎山街道", "李沧区", "alias", "虎山路街道", "", "", "the seed's spelling"),
    ("四方区", "", "district_merged", "市北区", "2012", "", "四方区 was merged into 市北区"),
    ("西海岸新区", "", "district_alias", "黄岛区", "", "", "青岛西海岸新区 = 黄岛区"),
    ("高新区", "", "district_alias", "城阳区", "", "", "红岛/河套 are under 高新区 in some lists, 城阳 in OSM"),
]


def district_features(admin: list[dict]) -> dict[str, dict]:
    """OSM admin_level 6 features by their short district name (used only to label street offices)."""
    out = {}
    for f in admin:
        p = f["properties"]
        if p["admin_level"] == "6":
            name = DISTRICT_NAMES.get(p["name"], p["name"])
            out[name] = {"code": p["division_code"], "geometry": shape(f["geometry"])}
    return out


def oriented(geometry):
    """RFC 7946 winding (exterior counter-clockwise) as a MultiPolygon-or-Polygon mapping."""
    return mapping(shapely.orient_polygons(geometry))


def street_office_features(source: Path, admin: list[dict]) -> list[dict]:
    code_table = {row["osm_relation"]: row for row in files.read_csv(source / "street_offices.csv")}
    districts = district_features(admin)
    features = []
    for f in admin:
        p = f["properties"]
        if p["admin_level"] != "8":
            continue
        geometry = shape(f["geometry"])
        row = code_table.get(p["osm_id"])
        if row:
            props = {"id": row["stats_code_2023"], "name": row["street"], "kind": "street_office",
                     "district": row["district"], "district_code": row["district_code"],
                     "codes": {"stats_code_2023": row["stats_code_2023"], "mca_code_2025": row["mca_code_2025"],
                               "osm_relation": p["osm_id"]}}
        else:
            point = geometry.representative_point()
            district = next(name for name, d in districts.items() if d["geometry"].covers(point))
            props = {"id": f"osm-{p['osm_id']}", "name": p["name"], "kind": "street_office",
                     "district": district, "district_code": districts[district]["code"],
                     "codes": {"osm_relation": p["osm_id"]}}
        props.update({"approximate": False, "uncertainty_m": 0, "restricts": [],
                      "source": "OpenStreetMap relation " + p["osm_id"]})
        features.append({"type": "Feature", "properties": props, "geometry": oriented(geometry)})
    features.sort(key=lambda feat: (feat["properties"]["district_code"], feat["properties"]["id"]))
    return features


def zone_features(source: Path, offices: list[dict]) -> list[dict]:
    draft = files.read_json(source / "chengyang_zones_draft.geojson")
    chengyang = [(f["properties"]["id"], shape(f["geometry"])) for f in offices
                 if f["properties"]["name"] in ("夏庄街道", "流亭街道")]
    features = []
    for f in draft["features"]:
        p = f["properties"]
        geometry = shape(f["geometry"])
        restricts = sorted(tid for tid, g in chengyang if g.intersection(geometry).area > 0)
        props = {"id": ZONES[p["name"]], "name": p["name"], "kind": "zone", "district": p["district"],
                 "district_code": "370214", "codes": {}, "approximate": bool(p["approximate"]),
                 "uncertainty_m": p["uncertainty_m"], "restricts": restricts,
                 "definition": p["definition"], "source": p["provenance"]}
        features.append({"type": "Feature", "properties": props, "geometry": oriented(geometry)})
    return features


def district_union_features(offices: list[dict]) -> list[dict]:
    groups: dict[str, list] = {}
    codes = {}
    for f in offices:
        p = f["properties"]
        groups.setdefault(p["district"], []).append(shape(f["geometry"]))
        codes[p["district"]] = p["district_code"]
    return [{"type": "Feature", "properties": {"name": name, "code": codes[name]},
             "geometry": oriented(shapely.union_all(geoms))}
            for name, geoms in sorted(groups.items(), key=lambda kv: codes[kv[0]])]


def roster_rows() -> list[dict]:
    rows = []
    for number, (district, manager, phone, names) in enumerate(ROSTER, start=1):
        for name in names.split("、"):
            rows.append({"manager_id": f"M{number:02d}", "manager": manager, "phone": phone,
                         "district": district, "territory": name, "valid_from": SEED_DATE, "valid_to": "",
                         "basis": "seed", "source": SEED, "note": ROSTER_NOTES.get(manager, "")})
    return rows


def decision_rows(offices: list[dict]) -> list[dict]:
    ids = {(f["properties"]["name"], f["properties"]["district"]): f["properties"]["id"] for f in offices}
    return [{"territory_id": ids[(name, district)], "name": name, "district": district, "decision": decision,
             "inherit_from": inherit, "basis": basis, "reason": reason}
            for name, district, decision, inherit, basis, reason in DECISIONS]


def lineage_rows() -> list[dict]:
    return [{"name": name, "district": district, "kind": kind, "successors": successors, "date": date,
             "rule": rule, "source": DATA_README, "note": note}
            for name, district, kind, successors, date, rule, note in LINEAGE]


def community_rows(source: Path, offices: list[dict]) -> list[dict]:
    ids = {(f["properties"]["name"], f["properties"]["district"]): f["properties"]["id"] for f in offices}
    rows, seen = [], set()
    for row in files.read_csv(source / "communities.csv"):
        key = (row["district"], row["street_office"], row["community"])
        if key in seen:
            continue
        seen.add(key)
        rows.append({"district": row["district"], "street_office": row["street_office"],
                     "territory_id": ids[(row["street_office"], row["district"])], "community": row["community"]})
    return rows


LICENSE_TEXT = """# Licences of the boundary data

georouter's code is MIT-licensed; the data in this folder is not.

- `territories.geojson`, `districts.geojson`: derived from OpenStreetMap administrative boundaries.
  **© OpenStreetMap contributors**, available under the Open Database License 1.0 (ODbL,
  https://opendatacommons.org/licenses/odbl/1-0/). This derived database is itself under ODbL 1.0.
  The two 城阳 zones are a DRAFT drawn for georouter from the OSM polygons (ODbL), `approximate: true`,
  `uncertainty_m: 1000`.
- `communities.csv`: community names from the location dictionary of jionlp 1.5.31 (Apache-2.0, © jionlp
  authors), re-keyed to georouter's territory ids.
- `roster.csv`: transcribed from 泰然〔2021〕23号 附件2 (the managers' public service phones).
- `decisions.csv`, `lineage.csv`: facts and decisions recorded by georouter (shared/data/README.md).
"""


def build(source: Path, out: Path) -> dict:
    admin = files.read_json(source / "osm_qingdao_admin.geojson")["features"]
    offices = street_office_features(source, admin)
    zones = zone_features(source, offices)
    out.mkdir(parents=True, exist_ok=True)
    texts = {
        files.TERRITORIES: files.geojson_text({"type": "FeatureCollection", "name": "territories",
                                               "features": offices + zones}),
        files.DISTRICTS: files.geojson_text({"type": "FeatureCollection", "name": "districts",
                                             "features": district_union_features(offices)}),
        files.ROSTER: files.csv_text(files.ROSTER_COLUMNS, roster_rows()),
        files.DECISIONS: files.csv_text(files.DECISION_COLUMNS, decision_rows(offices)),
        files.LINEAGE: files.csv_text(files.LINEAGE_COLUMNS, lineage_rows()),
        files.COMMUNITIES: files.csv_text(files.COMMUNITY_COLUMNS, community_rows(source, offices)),
        files.LICENSE: LICENSE_TEXT,
    }
    for name, text in texts.items():
        (out / name).write_text(text, encoding="utf-8")
    return files.write_manifest(out, {
        "built_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "built_by": "scripts/build_boundaries.py",
        "crs": "EPSG:4326 (WGS84, lon/lat, RFC 7946)",
        "sources": [
            {"file": "osm_qingdao_admin.geojson", "what": "OpenStreetMap admin boundaries of Qingdao",
             "licence": "ODbL-1.0", "attribution": "© OpenStreetMap contributors"},
            {"file": "street_offices.csv", "what": "street-office code table (stats 2023, MCA 2025)",
             "licence": "facts"},
            {"file": "communities.csv", "what": "community names per street office (jionlp 1.5.31)",
             "licence": "Apache-2.0", "attribution": "jionlp"},
            {"file": "chengyang_zones_draft.geojson", "what": "DRAFT 城阳 zones, approximate (±1000 m)",
             "licence": "ODbL-1.0", "attribution": "© OpenStreetMap contributors"},
            {"file": "seed/000_a0c18ba7b569daee.txt", "what": SEED, "licence": "public notice"},
        ],
        "counts": {"street_offices": len(offices), "zones": len(zones), "roster_rows": len(ROSTER)},
    })


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("boundaries"))
    args = parser.parse_args(argv)
    manifest = build(args.source, args.out)
    print(json.dumps({"version": manifest["version"], "counts": manifest["counts"]}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

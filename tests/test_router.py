"""The engine on the shipped boundaries: the seed's table, the decided rules, CRSs, dates."""

import datetime as dt

import numpy as np
import pytest
import shapely

from georouter.coords import wgs84_to_bd09, wgs84_to_gcj02
from georouter.errors import InvalidInput
from georouter.router import Router

from .boundary_factory import roster_row, shipped_copy
from georouter.boundaries import files

DAY = "2026-06-01"

# 附件2, transcribed independently of scripts/build_boundaries.py: street office → manager.
SEED_TABLE = {
    "八大峡街道": "金志新", "云南路街道": "金志新", "中山路街道": "金志新", "江苏路街道": "金志新", "八大关街道": "金志新",
    "湛山街道": "项文革", "香港中路街道": "项文革", "八大湖街道": "项文革", "金门路街道": "项文革", "珠海路街道": "项文革",
    "大港街道": "王广立", "台东街道": "王广立", "即墨路街道": "王广立", "辽宁路街道": "王广立", "登州路街道": "王广立",
    "敦化路街道": "赵德道", "镇江路街道": "赵德道", "延安路街道": "赵德道", "宁夏路街道": "赵德道",
    "合肥路街道": "周辉国", "浮山新区街道": "周辉国", "辽源路街道": "周辉国", "河西街道": "周辉国",
    "兴隆路街道": "王昂", "四方街道": "王昂", "海伦路街道": "王昂", "阜新路街道": "王昂",
    "开平路街道": "许天诚", "湖岛街道": "许天诚", "洛阳路街道": "许天诚", "水清沟街道": "许天诚",
    "振华路街道": "李建伟", "李村街道": "李建伟", "浮山路街道": "李建伟",
    "湘潭路街道": "孙绪波", "虎山路街道": "孙绪波",
    "九水街道": "张龙飞", "世园街道": "张龙飞",
    "沙子口街道": "陈志坚", "王哥庄街道": "常显隆", "中韩街道": "赵耀", "金家岭街道": "于亚辰",
}
PHONES = {"金志新": "19862252358", "项文革": "19862252335", "王广立": "19862252356", "赵德道": "19862252330",
          "周辉国": "19862252355", "王昂": "19862252336", "许天诚": "19862252332", "李建伟": "19862252327",
          "孙绪波": "19862252357", "张龙飞": "19862252359", "陈志坚": "19862252339", "常显隆": "17664040251",
          "赵耀": "18660297339", "于亚辰": "19862237865", "宁军": "13153281509"}
UNSERVED_IN_SERVED_DISTRICTS = ["双山街道", "楼山街道", "兴城路街道", "兴华路街道", "沧口街道", "北宅街道"]


@pytest.fixture(scope="module")
def router():
    return Router.from_directory()


def inner_point(territory):
    """A point well inside the territory (centre of its largest inscribed circle)."""
    line = shapely.maximum_inscribed_circle(territory.geometry, 1e-5)
    return shapely.get_coordinates(line)[0]


def by_name(router, name):
    return next(t for t in router.boundaries.territories if t.name == name)


@pytest.mark.parametrize("office, manager", sorted(SEED_TABLE.items()))
def test_seed_table(router, office, manager):
    lon, lat = inner_point(by_name(router, office))
    answer = router.assign(lon=lon, lat=lat, at=DAY)
    assert answer.status == "assigned"
    assert answer.territory.name == office
    assert (answer.manager.name, answer.manager.phone) == (manager, PHONES[manager])
    assert answer.confidence == 1.0


def test_successor_inherits_and_says_so(router):
    lon, lat = inner_point(by_name(router, "金湖路街道"))
    answer = router.assign(lon=lon, lat=lat, at=DAY)
    assert answer.manager.name == "项文革"
    assert answer.confidence < 1.0 and any("推定" in w for w in answer.warnings)


@pytest.mark.parametrize("office", UNSERVED_IN_SERVED_DISTRICTS)
def test_unserved_street_offices_are_outside(router, office):
    territory = by_name(router, office)
    answer = router.assign(lon=inner_point(territory)[0], lat=inner_point(territory)[1], at=DAY)
    assert answer.status == "outside_service_area" and answer.manager is None
    assert answer.territory.name == office and office in answer.explanation


def test_other_districts_are_named_not_found(router):
    answer = router.assign(lon=120.18, lat=35.96, at=DAY)            # 黄岛 (西海岸新区)
    assert answer.status == "outside_service_area"
    assert answer.territory.district == "黄岛区"
    assert "黄岛区" in answer.explanation


def test_zone_decides_inside_chengyang(router):
    for zone in ("城阳经营区域", "流亭机场区域"):
        lon, lat = inner_point(by_name(router, zone))
        answer = router.assign(lon=lon, lat=lat, at=DAY)
        assert answer.status == "assigned" and answer.manager.name == "宁军"
        assert answer.territory.kind == "zone" and answer.territory.name == zone
        assert {c.territory.name for c in answer.candidates} <= {"夏庄街道", "流亭街道"}


def test_zone_street_office_outside_zones_is_not_served(router):
    answer = router.assign(lon=120.5316, lat=36.2627, at=DAY)        # east 夏庄, km from any zone
    assert answer.status == "outside_service_area"
    assert answer.territory.name == "夏庄街道" and not answer.warnings


def test_near_an_approximate_zone_edge_warns(router):
    zone = by_name(router, "城阳经营区域")
    edge = shapely.get_coordinates(zone.geometry.exterior)[3]
    inside = router.assign(lon=edge[0], lat=edge[1], at=DAY)
    assert any("近似" in w for w in inside.warnings) and inside.confidence <= 0.6


def test_shared_edge_is_deterministic_with_both_candidates(router):
    lon, lat = 120.3626542, 36.0537263     # a vertex shared by 八大关街道 and 湛山街道
    answers = {router.assign(lon=lon, lat=lat, at=DAY).territory.name for _ in range(3)}
    answer = router.assign(lon=lon, lat=lat, at=DAY)
    assert len(answers) == 1
    names = {answer.territory.name} | {c.territory.name for c in answer.candidates}
    assert {"八大关街道", "湛山街道"} <= names
    assert answer.confidence < 1.0 and answer.warnings


def test_offshore_point_gets_nearest_with_warning(router):
    answer = router.assign(lon=120.3200, lat=36.0590, at=DAY)        # the bay off 栈桥
    assert answer.status == "assigned" and answer.confidence < 1.0
    assert any("岸线外" in w for w in answer.warnings)


def test_far_offshore_is_outside(router):
    answer = router.assign(lon=120.40, lat=35.95, at=DAY)            # open sea south of 市南
    assert answer.status == "outside_service_area" and answer.territory is None


def test_outside_qingdao(router):
    answer = router.assign(lon=116.397, lat=39.909, at=DAY)          # Beijing
    assert answer.status == "outside_service_area" and "青岛市" in answer.explanation


def test_gcj02_input_is_converted_not_silently_misread(router):
    lon, lat = 120.310165, 36.070099                                 # inside 中山路街道 (WGS84)
    glon, glat = wgs84_to_gcj02(lon=lon, lat=lat)
    assert router.assign(lon=glon, lat=glat, crs="gcj02", at=DAY).territory.name == "中山路街道"
    # the same numbers read as WGS84 land ~450 m away, in another manager's street office
    misread = router.assign(lon=glon, lat=glat, crs="wgs84", at=DAY)
    assert misread.territory.name != "中山路街道"
    blon, blat = wgs84_to_bd09(lon=lon, lat=lat)
    assert router.assign(lon=blon, lat=blat, crs="bd09", at=DAY).territory.name == "中山路街道"


def test_as_of_date_follows_scheduled_reassignment(tmp_path):
    directory = shipped_copy(tmp_path / "b")
    rows = files.read_csv(directory / files.ROSTER)
    for row in rows:
        if row["territory"] == "中山路街道办事处":
            row["valid_to"] = "2027-01-01"
    rows.append(roster_row("M02", "项文革", "19862252335", "中山路街道", valid_from="2027-01-01", district="市南区"))
    (directory / files.ROSTER).write_text(files.csv_text(files.ROSTER_COLUMNS, rows), encoding="utf-8")
    files.write_manifest(directory, {})
    router = Router.from_directory(directory)
    lon, lat = inner_point(by_name(router, "中山路街道"))
    assert router.assign(lon=lon, lat=lat, at="2026-12-31").manager.name == "金志新"
    assert router.assign(lon=lon, lat=lat, at=dt.date(2027, 1, 1)).manager.name == "项文革"


def test_assign_many_matches_assign(router):
    rng = np.random.default_rng(3)
    lons, lats = rng.uniform(120.25, 120.7, 300), rng.uniform(36.02, 36.35, 300)
    many = router.assign_many(lons, lats, at=DAY)
    single = [router.assign(lon=a, lat=b, at=DAY) for a, b in zip(lons, lats)]
    assert [m.to_dict() for m in many] == [s.to_dict() for s in single]


@pytest.mark.parametrize("kwargs", [
    {"lon": 200, "lat": 36},
    {"lon": 120.3, "lat": -95},
    {"lon": "east", "lat": 36},
    {"lon": 120.3},
    {"lon": 120.3, "lat": 36.1, "crs": "mars"},
    {"lon": 120.3, "lat": 36.1, "at": "yesterday"},
    {"address": "  "},
    {"address": "市南区", "lon": 120.3, "lat": 36.1},
])
def test_bad_input_is_invalid_input(router, kwargs):
    address = kwargs.pop("address", None)
    with pytest.raises(InvalidInput):
        router.assign(address, **kwargs)


def test_positional_coordinates_are_refused(router):
    with pytest.raises(TypeError):
        router.assign(None, 120.3, 36.1)  # type: ignore[misc]

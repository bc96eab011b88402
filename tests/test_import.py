"""Import → store → diff → rollback, with files written by a real GIS tool (GDAL's ogr2ogr)."""

import json
import shutil
import subprocess

import pytest
import shapely
from click.testing import CliRunner
from pyproj import Geod
from shapely.geometry import mapping

from georouter.boundaries import store
from georouter.boundaries.load import load_boundary_set
from georouter.cli import cli
from georouter.paths import default_boundaries_dir
from georouter.router import Router

pytestmark = pytest.mark.skipif(shutil.which("ogr2ogr") is None, reason="needs GDAL's ogr2ogr (Debian gdal-bin)")
ZONE = "zone-chengyang-operating"
DAY = "2026-06-01"


def ogr2ogr(*args):
    subprocess.run(["ogr2ogr", *map(str, args)], check=True, capture_output=True)


@pytest.fixture(scope="module")
def shipped():
    return load_boundary_set(default_boundaries_dir())


@pytest.fixture
def surveyed_zone(tmp_path, shipped):
    """GIS staff's 'surveyed' 城阳经营区域: the draft shrunk by ~300 m, as WGS84 GeoJSON."""
    zone = shipped.by_id[ZONE].geometry
    smaller = shapely.buffer(zone, -0.003, join_style="mitre")
    path = tmp_path / "zone_wgs84.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": ZONE, "name": "城阳经营区域"}, "geometry": mapping(smaller)}]},
        ensure_ascii=False), encoding="utf-8")
    return path, zone, smaller


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("driver, suffix, target_crs", [
    ("ESRI Shapefile", ".shp", "EPSG:4549"),     # CGCS2000 3-degree Gauss-Kruger CM 120E
    ("GPKG", ".gpkg", "EPSG:4490"),              # CGCS2000 geographic
    ("ESRI Shapefile", ".shp", "EPSG:4527"),     # zone-prefixed Gauss-Kruger zone 40
])
def test_import_reprojects_validates_and_stores_a_version(tmp_path, surveyed_zone, driver, suffix, target_crs):
    source, old_zone, new_zone = surveyed_zone
    gis_file = tmp_path / f"zone{suffix}"
    ogr2ogr("-f", driver, gis_file, source, "-s_srs", "EPSG:4326", "-t_srs", target_crs)
    store_dir = tmp_path / "store"
    result = invoke("boundaries", "import", gis_file, "--crs", target_crs, "--store", store_dir)
    assert result.exit_code == 0, result.output
    version = result.stdout.strip().splitlines()[-1]
    assert store.resolve_set_dir(store_dir).name == version
    imported = load_boundary_set(store.resolve_set_dir(store_dir)).by_id[ZONE].geometry
    # reprojection round trip through the GIS tool stays within centimetres
    assert shapely.hausdorff_distance(imported, new_zone) < 1e-6
    router = Router.from_directory(store_dir)
    ring = shapely.difference(old_zone, shapely.buffer(new_zone, 0.0005))
    lon, lat = shapely.get_coordinates(shapely.point_on_surface(ring))[0]
    assert router.assign(lon=lon, lat=lat, at=DAY).manager is None         # no longer in the zone
    inside = shapely.get_coordinates(shapely.point_on_surface(new_zone))[0]
    assert router.assign(lon=inside[0], lat=inside[1], at=DAY).manager.name == "宁军"


def test_diff_reports_area_changing_hands(tmp_path, surveyed_zone):
    source, old_zone, new_zone = surveyed_zone
    store_dir = tmp_path / "store"
    assert invoke("boundaries", "import", source, "--crs", "wgs84", "--store", store_dir).exit_code == 0
    result = invoke("boundaries", "diff", default_boundaries_dir(), store_dir, "--at", DAY, "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    change = next(c for c in body["territories"] if c["territory_id"] == ZONE)
    lost_geodesic_km2 = abs(Geod(ellps="WGS84").geometry_area_perimeter(shapely.difference(old_zone, new_zone))[0]) / 1e6
    assert change["lost_km2"] == pytest.approx(lost_geodesic_km2, rel=0.02)
    handover = next(h for h in body["handovers"] if h["from_manager"] == "宁军")
    assert handover["to_manager"] is None
    assert handover["km2"] == pytest.approx(lost_geodesic_km2, rel=0.02)


def test_versions_and_rollback(tmp_path, surveyed_zone):
    source, _, _ = surveyed_zone
    store_dir = tmp_path / "store"
    first = invoke("boundaries", "import", source, "--crs", "wgs84", "--store", store_dir).stdout.strip()
    listing = invoke("boundaries", "versions", store_dir).stdout.splitlines()
    assert len(listing) == 2 and listing[-1].startswith("*") and first in listing[-1]
    original = listing[0].split()[0]
    assert invoke("boundaries", "rollback", store_dir, original).exit_code == 0
    assert store.resolve_set_dir(store_dir).name == original


def test_file_without_crs_is_refused(tmp_path, surveyed_zone):
    source, _, _ = surveyed_zone
    shp = tmp_path / "nocrs.shp"
    ogr2ogr("-f", "ESRI Shapefile", shp, source, "-s_srs", "EPSG:4326", "-t_srs", "EPSG:4549")
    shp.with_suffix(".prj").unlink()
    result = invoke("boundaries", "import", shp, "--store", tmp_path / "store")
    assert result.exit_code != 0
    assert "declares no CRS" in str(result.exception) or "declares no CRS" in result.output


@pytest.mark.parametrize("write_crs, stated, hint", [
    ("EPSG:4527", "EPSG:4549", "zone prefix"),       # zone-prefixed eastings stated as plain GK
    ("EPSG:4549", "wgs84", "contradicts"),           # the file says GK, the user says WGS84
])
def test_implausible_crs_is_refused_and_nothing_written(tmp_path, surveyed_zone, write_crs, stated, hint):
    source, _, _ = surveyed_zone
    shp = tmp_path / "zone.shp"
    ogr2ogr("-f", "ESRI Shapefile", shp, source, "-s_srs", "EPSG:4326", "-t_srs", write_crs)
    if hint == "zone prefix":
        shp.with_suffix(".prj").unlink()
    store_dir = tmp_path / "store"
    result = invoke("boundaries", "import", shp, "--crs", stated, "--store", store_dir)
    assert result.exit_code != 0
    assert hint in str(result.exception)
    assert len(store.versions(store_dir)) <= 1        # at most the base copy, never the bad import


def test_invalid_import_keeps_current_version(tmp_path, surveyed_zone):
    store_dir = tmp_path / "store"
    bowtie = tmp_path / "bowtie.geojson"
    x, y = 120.45, 36.23
    bowtie.write_text(json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature",
        "properties": {"id": ZONE}, "geometry": {"type": "Polygon", "coordinates": [
            [[x, y], [x + 0.01, y + 0.01], [x + 0.01, y], [x, y + 0.01], [x, y]]]}}]}), encoding="utf-8")
    result = invoke("boundaries", "import", bowtie, "--crs", "wgs84", "--store", store_dir)
    assert result.exit_code != 0 and "Self-intersection" in " ".join(result.exception.details["problems"])
    assert len(store.versions(store_dir)) == 1
    assert store.resolve_set_dir(store_dir).name == load_boundary_set(default_boundaries_dir()).version

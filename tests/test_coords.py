import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyproj import Transformer

from georouter import coords
from georouter.errors import InvalidInput

qingdao_lon = st.floats(119.5, 121.0, allow_nan=False)
qingdao_lat = st.floats(35.5, 37.0, allow_nan=False)


def test_forward_gcj02_matches_published_pair():
    # coordTransform_py's README: wgs84_to_gcj02(128.543, 37.065) = [128.54820547949757, 37.065651049489816]
    lon, lat = coords.wgs84_to_gcj02(lon=128.543, lat=37.065)
    assert lon == pytest.approx(128.54820547949757, abs=1e-12)
    assert lat == pytest.approx(37.065651049489816, abs=1e-12)


@pytest.mark.parametrize("bd, gcj", [
    # dtoolkit's chncrs docstring (BD-09 → GCJ-02, printed to 5 decimals)
    ((114.21892734521, 29.575429778924), (114.21243, 29.56938)),
    ((128.543, 37.065), (128.53659, 37.05875)),
])
def test_bd09_inverse_matches_published_pairs(bd, gcj):
    lon, lat = coords.bd09_to_gcj02(lon=bd[0], lat=bd[1])
    assert lon == pytest.approx(gcj[0], abs=1e-5)
    assert lat == pytest.approx(gcj[1], abs=1e-5)


def test_qingdao_offset_is_about_450_m():
    # shared/data/README.md: in Qingdao GCJ-02 is about +0.0051° lon, +0.0003° lat from WGS84
    glon, glat = coords.wgs84_to_gcj02(lon=120.38, lat=36.07)
    assert glon - 120.38 == pytest.approx(0.0051, abs=0.0002)
    assert glat - 36.07 == pytest.approx(0.0003, abs=0.0002)
    metres = math.hypot((glon - 120.38) * 111_320 * math.cos(math.radians(36.07)), (glat - 36.07) * 111_320)
    assert 400 < metres < 500


@given(qingdao_lon, qingdao_lat)
def test_gcj02_inverse_is_sub_millimetre(lon, lat):
    back = coords.gcj02_to_wgs84(**dict(zip(("lon", "lat"), coords.wgs84_to_gcj02(lon=lon, lat=lat))))
    assert back[0] == pytest.approx(lon, abs=1e-8)
    assert back[1] == pytest.approx(lat, abs=1e-8)


@given(qingdao_lon, qingdao_lat)
def test_bd09_inverse_is_sub_millimetre(lon, lat):
    blon, blat = coords.wgs84_to_bd09(lon=lon, lat=lat)
    back = coords.to_wgs84(lon=blon, lat=blat, crs="bd09")
    assert back[0] == pytest.approx(lon, abs=1e-8)
    assert back[1] == pytest.approx(lat, abs=1e-8)


def test_projected_gauss_kruger_goes_through_pyproj():
    # CGCS2000 / 3-degree Gauss-Kruger CM 120E: easting/northing in metres
    x, y = Transformer.from_crs("EPSG:4490", "EPSG:4549", always_xy=True).transform(120.38, 36.07)
    assert 500_000 < x < 540_000
    lon, lat = coords.to_wgs84(lon=x, lat=y, crs="EPSG:4549")
    assert (lon, lat) == (pytest.approx(120.38, abs=1e-7), pytest.approx(36.07, abs=1e-7))


@pytest.mark.parametrize("name, canonical", [
    ("WGS84", "wgs84"), ("epsg:4326", "wgs84"), ("GCJ-02", "gcj02"), ("bd09ll", "bd09"),
    ("EPSG:4490", "cgcs2000"), ("epsg:4549", "EPSG:4549"),
])
def test_crs_names(name, canonical):
    assert coords.normalize_crs(name) == canonical


@pytest.mark.parametrize("name", ["mars", "EPSG:999999", "", "EPSG:abc"])
def test_unknown_crs_is_refused(name):
    with pytest.raises(InvalidInput):
        coords.normalize_crs(name)


def test_coordinates_are_keyword_only():
    with pytest.raises(TypeError):
        coords.to_wgs84(120.3, 36.1)  # type: ignore[misc]
    with pytest.raises(TypeError):
        coords.wgs84_to_gcj02(120.3, 36.1)  # type: ignore[misc]


def test_non_finite_input_is_refused():
    with pytest.raises(InvalidInput):
        coords.to_wgs84(lon=float("nan"), lat=36.0)

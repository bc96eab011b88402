import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import MultiPolygon, Polygon, box

from georouter.boundaries.load import load_boundary_set
from georouter.index import TerritoryIndex
from georouter.paths import default_boundaries_dir


@pytest.fixture(scope="module")
def shipped():
    bs = load_boundary_set(default_boundaries_dir())
    geoms = [t.geometry for t in bs.territories]
    return geoms, TerritoryIndex.from_geometries(geoms)


def oracle(geoms, lon, lat):
    """Brute force: every geometry whose closure holds the point (covers semantics)."""
    return tuple(i for i, g in enumerate(geoms) if shapely.intersects_xy(g, lon, lat))


SQUARES = [box(0, 0, 1, 1), box(1, 0, 2, 1)]          # share the edge x = 1
HOLED = Polygon([(3, 0), (6, 0), (6, 3), (3, 3)], holes=[[(4, 1), (5, 1), (5, 2), (4, 2)]])
MULTI = MultiPolygon([box(7, 0, 8, 1), box(9, 0, 10, 1)])
TINY = TerritoryIndex.from_geometries(SQUARES + [HOLED, MULTI], cell_deg=0.5)


@pytest.mark.parametrize("lon, lat, expected", [
    (0.5, 0.5, (0,)),          # interior of the first square
    (1.0, 0.5, (0, 1)),        # on the shared edge: covered by both
    (1.0, 1.0, (0, 1)),        # shared vertex
    (2.0, 0.5, (1,)),          # outer edge counts (covers, not contains)
    (4.5, 1.5, ()),            # inside the hole
    (4.0, 1.5, (2,)),          # on the hole's edge
    (3.5, 0.5, (2,)),          # in the holed polygon's ring
    (9.5, 0.5, (3,)),          # second part of the multipolygon
    (8.5, 0.5, ()),            # between the parts
    (-5.0, 0.5, ()),           # outside the grid entirely
    (50.0, 50.0, ()),
])
def test_tiny_cases(lon, lat, expected):
    assert TINY.locate(lon=lon, lat=lat) == expected


def test_coordinates_are_keyword_only():
    with pytest.raises(TypeError):
        TINY.locate(0.5, 0.5)  # type: ignore[misc]


@st.composite
def points_near_real_boundaries(draw, geoms):
    """Uniform points over the extent, plus points snapped onto real vertices and edges."""
    kind = draw(st.sampled_from(["uniform", "vertex", "edge"]))
    x0, y0, x1, y1 = shapely.total_bounds(np.array(geoms))
    if kind == "uniform":
        return draw(st.floats(x0 - 0.05, x1 + 0.05)), draw(st.floats(y0 - 0.05, y1 + 0.05))
    geom = geoms[draw(st.integers(0, len(geoms) - 1))]
    coords = shapely.get_coordinates(geom.boundary)
    i = draw(st.integers(0, len(coords) - 2))
    if kind == "vertex":
        return float(coords[i][0]), float(coords[i][1])
    t = draw(st.floats(0, 1))
    return (float(coords[i][0] + t * (coords[i + 1][0] - coords[i][0])),
            float(coords[i][1] + t * (coords[i + 1][1] - coords[i][1])))


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_index_agrees_with_brute_force_on_real_boundaries(shipped, data):
    geoms, index = shipped
    lon, lat = data.draw(points_near_real_boundaries(geoms))
    assert index.locate(lon=lon, lat=lat) == oracle(geoms, lon, lat)


def test_batch_agrees_with_single_lookups(shipped):
    geoms, index = shipped
    rng = np.random.default_rng(7)
    x0, y0, x1, y1 = shapely.total_bounds(np.array(geoms))
    lons, lats = rng.uniform(x0, x1, 3000), rng.uniform(y0, y1, 3000)
    vertices = shapely.get_coordinates(geoms[5].boundary)[:200]
    lons, lats = np.r_[lons, vertices[:, 0]], np.r_[lats, vertices[:, 1]]
    points, positions = index.locate_many(lons, lats)
    batch = [[] for _ in lons]
    for p, g in zip(points.tolist(), positions.tolist()):
        batch[p].append(g)
    assert [tuple(b) for b in batch] == [index.locate(lon=a, lat=b) for a, b in zip(lons, lats)]
    assert sum(1 for b in batch if b) > 1000   # the sample really hits territories


def test_nearest_reports_metres(shipped):
    geoms, index = shipped
    lon, lat = 120.3200, 36.0590                 # in the bay off 栈桥: no polygon
    assert index.locate(lon=lon, lat=lat) == ()
    position, metres = index.nearest(lon=lon, lat=lat, max_m=2_000)
    assert 0 < metres <= 2_000
    assert index.nearest(lon=lon, lat=lat, max_m=metres * 0.9) is None
    assert index.nearest(lon=lon, lat=lat, max_m=metres * 1.1)[0] == position
    assert index.nearest(lon=0.0, lat=0.0, max_m=1_000) is None


@pytest.mark.parametrize("lon, lat", [(120.3200, 36.0590), (120.3400, 36.0500), (120.4700, 36.0900)])
def test_nearest_metres_agree_with_a_metric_projection(shipped, lon, lat):
    from pyproj import Transformer

    geoms, index = shipped
    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:32651", always_xy=True)   # UTM 51N, metres

    def project(geom):
        return shapely.transform(geom, lambda xy: np.column_stack(to_utm.transform(xy[:, 0], xy[:, 1])))

    point = shapely.Point(*to_utm.transform(lon, lat))
    distances = [shapely.distance(project(g), point) for g in geoms]
    position, metres = index.nearest(lon=lon, lat=lat, max_m=5_000)
    assert position == int(np.argmin(distances))
    assert metres == pytest.approx(min(distances), rel=0.01)

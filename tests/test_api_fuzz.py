"""Bad input never produces a 500: random JSON bodies and query strings against the real app."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from georouter.web import create_app

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10)
fields = st.fixed_dictionaries({}, optional={
    "address": st.text(max_size=30) | st.integers(), "lon": st.floats(allow_nan=True) | st.text(max_size=8),
    "lat": st.floats(allow_nan=True) | st.text(max_size=8), "crs": st.sampled_from(["wgs84", "gcj02", "bd09", "EPSG:4549",
                                                                                 "EPSG:0", "x", ""]) | st.integers(),
    "at": st.text(max_size=12) | st.integers()})


@pytest.fixture(scope="module")
def fuzz_client(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'wf.sqlite3'}"
    return create_app({"database_url": url}).test_client()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=json_values | fields)
def test_post_assign_never_500(fuzz_client, body):
    response = fuzz_client.post("/assign", json=body)
    assert response.status_code in (200, 400, 415, 422)
    assert response.status_code == 200 or set(response.json["error"]) == {"code", "message", "details"}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.dictionaries(st.sampled_from(["address", "lon", "lat", "crs", "at", "x"]), st.text(max_size=15)))
def test_get_assign_never_500(fuzz_client, query):
    assert fuzz_client.get("/assign", query_string=query).status_code in (200, 422)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=json_values | fields)
def test_requests_and_batch_never_500(fuzz_client, body):
    assert fuzz_client.post("/requests", json=body).status_code in (201, 400, 415, 422)
    assert fuzz_client.post("/assign/batch", json=body).status_code in (200, 400, 413, 415, 422)

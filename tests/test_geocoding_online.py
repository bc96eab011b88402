"""Online providers against local stubs of their wire formats, with fallback, retry, breaker and cache."""

import pytest

from georouter.geocoding.chain import ResilientProvider
from georouter.geocoding.providers import AmapProvider, BaiduProvider, NominatimProvider
from georouter.geocoding.resilience import CircuitBreaker
from georouter.router import Router
from georouter.web import create_app

from .geocoder_stubs import Stub

DAY = "2026-06-01"
# A point inside 中山路街道 whose GCJ-02 numbers, misread as WGS84, fall in 即墨路街道 (another manager).
ZHONGSHAN = (120.310165, 36.070099)
PLACES = {
    "青岛市市南区中山路某号": (*ZHONGSHAN, "门牌号"),
    "青岛市市南区": (120.38, 36.07, "区县"),
}
NOMINATIM_PLACES = {"青岛市市南区中山路某号": (*ZHONGSHAN, "building")}


@pytest.fixture(scope="module")
def shipped():
    from georouter.boundaries.load import load_boundary_set
    from georouter.paths import default_boundaries_dir

    return load_boundary_set(default_boundaries_dir())


@pytest.fixture
def stub(request):
    kind = request.param
    server = Stub(kind, NOMINATIM_PLACES if kind == "nominatim" else PLACES)
    yield server
    server.close()


def provider_for(stub, timeout=1.0):
    if stub.kind == "amap":
        return AmapProvider("test-key", stub.url, timeout)
    if stub.kind == "baidu":
        return BaiduProvider("test-ak", stub.url, timeout)
    return NominatimProvider(stub.url, timeout)


def router_for(shipped, stub, **options):
    online = ResilientProvider(provider_for(stub, options.pop("timeout", 1.0)), min_interval_s=0,
                               retry_delay_s=0.01, **options)
    return Router.from_boundary_set(shipped, online=online), online


@pytest.mark.parametrize("stub", ["amap", "baidu", "nominatim"], indirect=True)
def test_precise_answer_is_converted_to_wgs84_and_assigned(shipped, stub):
    router, _ = router_for(shipped, stub)
    answer = router.assign("青岛市市南区中山路某号", at=DAY)
    assert answer.status == "assigned" and answer.territory.name == "中山路街道" and answer.manager.name == "金志新"
    assert abs(answer.location.lon - ZHONGSHAN[0]) < 1e-5 and abs(answer.location.lat - ZHONGSHAN[1]) < 1e-5
    assert stub.kind in answer.location.source and answer.location.precision == "address"
    assert stub.kind in answer.explanation


@pytest.mark.parametrize("stub", ["amap", "baidu"], indirect=True)
@pytest.mark.parametrize("mode, calls", [("bad_key", 1), ("quota", 1), ("server_error", 3), ("empty", 1)])
def test_provider_errors_fall_back_to_the_gazetteer(shipped, stub, mode, calls):
    stub.mode = mode
    router, _ = router_for(shipped, stub)
    answer = router.assign("市北区延安二路社区", at=DAY)
    assert answer.status == "assigned" and answer.manager.name == "赵德道"      # the offline answer
    assert any("离线地名库" in w for w in answer.warnings)
    assert stub.calls == calls             # transient errors retried, refused key/quota/empty not


@pytest.mark.parametrize("stub", ["amap"], indirect=True)
def test_timeout_is_retried_then_falls_back(shipped, stub):
    stub.mode, stub.delay_s = "slow", 1.0
    router, _ = router_for(shipped, stub, timeout=0.2, retry_attempts=2)
    answer = router.assign("市北区延安二路社区", at=DAY)
    assert answer.manager.name == "赵德道" and any("不可用" in w for w in answer.warnings)
    assert stub.calls == 2


@pytest.mark.parametrize("stub", ["amap"], indirect=True)
def test_circuit_breaker_stops_calling_a_dead_provider(shipped, stub):
    stub.mode = "server_error"
    router, online = router_for(shipped, stub, retry_attempts=1, breaker=CircuitBreaker(threshold=3, cooldown_s=60))
    for _ in range(3):
        router.assign("市北区延安二路社区", at=DAY)
    assert stub.calls == 3 and online.breaker.state == "open"
    answer = router.assign("市北区延安二路社区", at=DAY)
    assert stub.calls == 3                                              # not called while open
    assert any("circuit open" in w for w in answer.warnings) and answer.manager.name == "赵德道"


def test_breaker_half_opens_after_cooldown():
    now = [0.0]
    breaker = CircuitBreaker(threshold=2, cooldown_s=10, clock=lambda: now[0])
    breaker.failure()
    breaker.failure()
    assert breaker.state == "open" and not breaker.allow()
    now[0] = 11
    assert breaker.state == "half_open" and breaker.allow() and not breaker.allow()
    breaker.success()
    assert breaker.state == "closed"


@pytest.mark.parametrize("stub", ["baidu"], indirect=True)
def test_answers_are_cached(shipped, stub):
    router, _ = router_for(shipped, stub)
    first = router.assign("青岛市市南区中山路某号", at=DAY)
    second = router.assign("青岛市市南区中山路某号", at=DAY)
    assert first.to_dict() == second.to_dict() and stub.calls == 1


@pytest.mark.parametrize("stub", ["amap"], indirect=True)
def test_coarse_provider_answer_defers_to_names(shipped, stub):
    router, _ = router_for(shipped, stub)
    answer = router.assign("青岛市市南区", at=DAY)
    assert answer.status == "ambiguous"            # a district alone: candidates, not a made-up point
    assert "精度仅到district" in answer.explanation


@pytest.mark.parametrize("stub", ["amap"], indirect=True)
def test_settings_select_the_provider_in_the_service(stub, monkeypatch):
    app = create_app({"geocoder": "amap", "geocoder_url": stub.url, "geocoder_key": "k", "geocoder_min_interval_s": 0})
    body = app.test_client().post("/assign", json={"address": "青岛市市南区中山路某号", "at": DAY}).json
    assert body["manager"]["name"] == "金志新" and "amap" in body["location"]["source"]


def test_online_provider_needs_its_key_or_url():
    from georouter.errors import ConfigurationError

    with pytest.raises(ConfigurationError):
        create_app({"geocoder": "baidu"})
    with pytest.raises(ConfigurationError):
        create_app({"geocoder": "nominatim"})

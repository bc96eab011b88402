"""The request store on SQLite and on a real PostgreSQL server."""

import datetime as dt
import threading

import pytest

from georouter.errors import Conflict, NotFound
from georouter.workflow.db import Database
from georouter.workflow.deadlines import Limits
from georouter.workflow.store import RequestStore

T0 = dt.datetime(2026, 12, 4, 1, 0, tzinfo=dt.timezone.utc)    # 09:00 in Qingdao, a Friday


@pytest.fixture
def store(database_url):
    return RequestStore(Database.from_url(database_url), Limits())


def new(store, manager="M01", at=T0, outside=False):
    return store.create(address="市南区中山路街道某号", phone="13800138000", manager_id=manager,
                        assignment_status="assigned", territory_id="370202005", district="市南区",
                        boundary_version="v1", outside_pipeline=outside, actor="test", now=at)


def test_migration_is_idempotent(database_url):
    first = Database.from_url(database_url)
    assert first.migrate() == 1 and Database.from_url(database_url).migrate() == 1


def test_create_and_read_back(store):
    request = new(store)
    again = store.get(request.id)
    assert again == request and again.stage == "intake" and again.version == 1
    assert [e["event"] for e in store.events(request.id)] == ["intake"]


def test_events_move_the_request_and_are_logged(store):
    r = new(store)
    r = store.apply(r.id, "contact", {"appointment_at": "2026-12-05T10:00"}, expected_version=1, actor="金志新",
                    now=T0 + dt.timedelta(minutes=40))
    r = store.apply(r.id, "survey", {}, expected_version=2, actor="金志新", now=T0 + dt.timedelta(days=1))
    assert (r.stage, r.version) == ("surveyed", 3)
    log = store.events(r.id)
    assert [(e["seq"], e["event"], e["actor"]) for e in log] == [(1, "intake", "test"), (2, "contact", "金志新"),
                                                                 (3, "survey", "金志新")]
    assert log[1]["data"] == {"appointment_at": "2026-12-05T10:00"}


def test_stale_version_is_a_conflict_and_changes_nothing(store):
    r = new(store)
    store.apply(r.id, "contact", {"appointment_at": "x"}, expected_version=1, actor="a", now=T0)
    with pytest.raises(Conflict):
        store.apply(r.id, "cancel", {"reason": "dup"}, expected_version=1, actor="b", now=T0)
    assert store.get(r.id).stage == "contacted" and len(store.events(r.id)) == 2


def test_two_concurrent_writers_never_lose_an_update(store):
    r = new(store)
    barrier, outcomes = threading.Barrier(2), []

    def writer(event, data):
        barrier.wait()
        try:
            store.apply(r.id, event, data, expected_version=1, actor=event, now=T0)
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=writer, args=("contact", {"appointment_at": "x"})),
               threading.Thread(target=writer, args=("cancel", {"reason": "dup"}))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "ok"]
    final = store.get(r.id)
    assert final.version == 2 and len(store.events(r.id)) == 2


def test_event_log_is_append_only(store):
    r = new(store)
    with pytest.raises(Exception, match="append-only"):
        with store.db.connect() as conn:
            store.db.execute(conn, "UPDATE request_events SET actor = ? WHERE request_id = ?", ("x", r.id))
    with pytest.raises(Exception, match="append-only"):
        with store.db.connect() as conn:
            store.db.execute(conn, "DELETE FROM request_events WHERE request_id = ?", (r.id,))
    assert store.events(r.id)[0]["actor"] == "test"


def test_unknown_request(store):
    with pytest.raises(NotFound):
        store.get("BZ-nope")


def test_list_filters_and_overdue(store):
    late = new(store, manager="M01")                                     # never contacted
    on_time = new(store, manager="M02")
    store.apply(on_time.id, "contact", {"appointment_at": "x"}, expected_version=1, actor="a",
                now=T0 + dt.timedelta(minutes=30))
    later = T0 + dt.timedelta(hours=3)
    assert [r.id for r in store.list(overdue=True, now=later)] == [late.id]
    assert [r.id for r in store.list(manager_id="M02", now=later)] == [on_time.id]
    assert [r.id for r in store.list(stage="contacted", now=later)] == [on_time.id]
    store.apply(late.id, "cancel", {"reason": "用户撤回"}, expected_version=1, actor="a", now=later)
    assert store.list(overdue=True, now=later) == []                    # cancelled requests are not overdue


def test_report_per_manager(store):
    a = new(store, manager="M01")
    store.apply(a.id, "contact", {"appointment_at": "x"}, expected_version=1, actor="m", now=T0 + dt.timedelta(minutes=20))
    b = new(store, manager="M01", outside=True)
    store.apply(b.id, "contact", {"appointment_at": "x"}, expected_version=1, actor="m", now=T0 + dt.timedelta(minutes=80))
    events = [("survey", {}), ("deliver_plan", {}), ("sign_contract", {}), ("pay", {"invoice": "paper"}),
              ("start_construction", {}), ("gas_on", {}), ("rate", {"rating": "bad"})]
    for version, (event, data) in enumerate(events, start=2):
        store.apply(b.id, event, data, expected_version=version, actor="m", now=T0 + dt.timedelta(days=version))
    figures = store.report(T0 + dt.timedelta(days=30))["M01"]
    assert figures["requests"] == 2 and figures["overdue"] == 0
    assert figures["median_minutes_to_contact"] == 50.0                # median of 20 and 80
    # limits: a contact met, b contact missed (80 min), b plan: surveyed day 2, delivered day 3 → met
    assert figures["limits_met_share"] == pytest.approx(2 / 3, abs=1e-3)
    assert figures["good_rating_share"] == 0.0

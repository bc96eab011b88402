"""The workflow over HTTP, on SQLite and PostgreSQL."""

import io
import logging

import pytest
import segno

from georouter.web import create_app


@pytest.fixture
def wf_client(database_url):
    return create_app({"database_url": database_url}).test_client()


def intake(client, **extra):
    body = {"address": "市北区延安二路社区", "phone": "138 0013 8000", **extra}
    response = client.post("/requests", json=body)
    assert response.status_code == 201, response.json
    return response.json


def step(client, request, event, data=None, version=None):
    return client.post(f"/requests/{request['id']}/events",
                       json={"event": event, "data": data or {}, "version": version or request["version"],
                             "actor": "赵德道"})


def test_intake_assigns_manager_and_records_boundary_version(wf_client):
    request = intake(wf_client)
    assert request["stage"] == "intake" and request["manager_id"] == "M04" and request["manager_name"] == "赵德道"
    assert request["assignment"]["status"] == "assigned"
    assert request["boundary_version"] == wf_client.get("/healthz").json["boundary_version"]
    assert request["phone"] == "13800138000"
    assert request["deadlines"][0]["name"] == "contact" and request["deadlines"][0]["overdue"] is False


@pytest.mark.parametrize("body, field", [
    ({"address": "", "phone": "13800138000"}, "address"),
    ({"address": "市南区", "phone": "12345"}, "phone"),
])
def test_intake_validation(wf_client, body, field):
    response = wf_client.post("/requests", json=body)
    assert response.status_code == 422 and response.json["error"]["details"]["field"] == field


def test_full_path_with_events_and_conflicts(wf_client):
    request = intake(wf_client, outside_pipeline=True)
    contacted = step(wf_client, request, "contact", {"appointment_at": "2026-12-05T10:00"})
    assert contacted.status_code == 200 and contacted.json["version"] == 2
    stale = step(wf_client, request, "survey", version=1)
    assert stale.status_code == 409 and stale.json["error"]["code"] == "conflict"
    illegal = step(wf_client, contacted.json, "gas_on")
    assert illegal.status_code == 409 and "cannot gas_on" in illegal.json["error"]["message"]
    current = contacted.json
    for event, data in [("survey", {}), ("deliver_plan", {}), ("sign_contract", {}), ("pay", {"invoice": "electronic"}),
                        ("start_construction", {}), ("gas_on", {})]:
        current = step(wf_client, current, event, data).json
    assert current["stage"] == "gas_on" and [d["name"] for d in current["deadlines"]] == ["contact", "plan"]
    rated = wf_client.post(f"/requests/{request['id']}/rating", json={"rating": "good", "comment": "很好"})
    assert rated.json["stage"] == "rated" and rated.json["rating"] == "good"
    closed = step(wf_client, rated.json, "close")
    assert closed.json["stage"] == "closed"
    detail = wf_client.get(f"/requests/{request['id']}").json
    assert [e["event"] for e in detail["events"]][-3:] == ["gas_on", "rate", "close"]
    assert detail["events"][1]["actor"] == "赵德道"


def test_missing_version_is_422(wf_client):
    request = intake(wf_client)
    response = wf_client.post(f"/requests/{request['id']}/events", json={"event": "contact"})
    assert response.status_code == 422


def test_reassign_needs_a_known_manager(wf_client):
    request = intake(wf_client)
    bad = step(wf_client, request, "reassign", {"reason": "休假", "manager_id": "M99"})
    assert bad.status_code == 422
    good = step(wf_client, request, "reassign", {"reason": "休假", "manager_id": "M05"})
    assert good.json["manager_id"] == "M05" and good.json["stage"] == "intake"


def test_list_masks_phone_and_filters(wf_client):
    mine = intake(wf_client)
    intake(wf_client, address="市南区中山路街道")
    listed = wf_client.get("/requests", query_string={"manager": "M04"}).json
    assert listed["count"] == 1 and listed["requests"][0]["id"] == mine["id"]
    assert listed["requests"][0]["phone"] == "138****8000"
    assert wf_client.get("/requests", query_string={"overdue": "true"}).json["count"] == 0
    assert wf_client.get("/requests", query_string={"stage": "nope"}).status_code == 422


def test_rating_qr_points_at_the_rating_page(wf_client):
    png = wf_client.get("/managers/M04/rating-qr.png")
    assert png.status_code == 200 and png.data.startswith(b"\x89PNG")
    expected = io.BytesIO()
    segno.make("http://localhost/rate/M04", error="m").save(expected, kind="png", scale=8, border=2)
    assert png.data == expected.getvalue()
    assert wf_client.get("/managers/M99/rating-qr.png").status_code == 404


def test_customer_rates_on_the_plain_page(wf_client):
    request = intake(wf_client)
    current = request
    for event, data in [("contact", {"appointment_at": "x"}), ("survey", {}), ("deliver_plan", {}),
                        ("sign_contract", {}), ("pay", {"invoice": "paper"}), ("start_construction", {}),
                        ("gas_on", {})]:
        current = step(wf_client, current, event, data).json
    page = wf_client.get("/rate/M04")
    assert page.status_code == 200 and "赵德道" in page.text
    wrong_manager = wf_client.post("/rate/M01", data={"request_id": request["id"], "rating": "bad"})
    assert wrong_manager.status_code == 422
    done = wf_client.post("/rate/M04", data={"request_id": request["id"], "rating": "bad", "comment": "太慢"})
    assert done.status_code == 200 and "感谢" in done.text
    assert wf_client.get(f"/requests/{request['id']}").json["rating"] == "bad"


def test_intake_logs_mask_phone_and_address(wf_client, caplog):
    with caplog.at_level(logging.INFO):
        intake(wf_client, address="市北区延安二路社区12号3单元", phone="13912345678")
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "139****5678" in logged and "13912345678" not in logged and "12号3单元" not in logged


def test_workflow_answers_match_the_openapi_document(wf_client):
    from .test_api import check

    spec = wf_client.get("/openapi.json").json
    request = intake(wf_client)
    check(spec, wf_client.get(f"/requests/{request['id']}"), "WorkRequest")
    check(spec, step(wf_client, request, "contact", {"appointment_at": "x"}), "WorkRequest")
    check(spec, step(wf_client, request, "contact", {"appointment_at": "x"}), "Error")


def test_api_token_protects_customer_data_but_not_the_rating_page(tmp_path):
    client = create_app({"database_url": f"sqlite:///{tmp_path / 'w.sqlite3'}", "api_token": "staff"}).test_client()
    body = {"address": "市北区延安二路社区", "phone": "13800138000"}
    assert client.post("/requests", json=body).status_code == 401
    assert client.get("/requests").status_code == 401
    assert client.get("/requests", headers={"Authorization": "Bearer nope"}).status_code == 401
    created = client.post("/requests", json=body, headers={"Authorization": "Bearer staff"})
    assert created.status_code == 201
    assert client.get(f"/requests/{created.json['id']}").status_code == 401
    assert client.get("/rate/M04").status_code == 200
    assert client.get("/managers/M04/rating-qr.png").status_code == 200
    assert client.post("/assign", json={"address": "市北区延安二路社区"}).status_code == 200   # routing stays open

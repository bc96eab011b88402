"""The HTTP API through Flask's test client, every answer checked against /openapi.json."""

import io
import json
import logging

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_spec
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from georouter.boundaries import files, store
from georouter.web import create_app

from .boundary_factory import shipped_copy

DAY = "2026-06-01"


@pytest.fixture(scope="module")
def spec():
    document = create_app().test_client().get("/openapi.json").json
    validate_spec(document)
    return document


def check(spec, response, schema_name):
    """The response body validates against the named component schema."""
    registry = Registry().with_resource("urn:openapi", DRAFT202012.create_resource(spec))
    schema = {"$ref": f"urn:openapi#/components/schemas/{schema_name}"}
    Draft202012Validator(schema, registry=registry).validate(response.json)
    return response.json


@pytest.mark.parametrize("body, status, manager", [
    ({"lon": 120.310165, "lat": 36.070099}, "assigned", "金志新"),
    ({"lon": 120.315203, "lat": 36.070258, "crs": "gcj02"}, "assigned", "金志新"),
    ({"address": "青岛市北区合肥路街道同德路82号"}, "assigned", "周辉国"),
    ({"address": "崂山区中韩街道海尔路65号"}, "ambiguous", None),
    ({"address": "黄岛区长江路街道"}, "outside_service_area", None),
    ({"address": "北京市朝阳区建国路"}, "not_found", None),
    ({"lon": 120.18, "lat": 35.96}, "outside_service_area", None),
])
def test_post_assign_every_status(client, spec, body, status, manager):
    response = client.post("/assign", json={**body, "at": DAY})
    assert response.status_code == 200
    answer = check(spec, response, "Assignment")
    assert answer["status"] == status
    assert (answer["manager"] or {}).get("name") == manager
    assert answer["explanation"]


def test_get_assign_equals_post(client):
    via_get = client.get("/assign", query_string={"address": "市北区延安二路社区", "at": DAY}).json
    via_post = client.post("/assign", json={"address": "市北区延安二路社区", "at": DAY}).json
    assert via_get == via_post and via_get["manager"]["name"] == "赵德道"


@pytest.mark.parametrize("kwargs, status, code", [
    ({"data": "{not json", "content_type": "application/json"}, 400, "malformed_request"),
    ({"data": "address=x", "content_type": "application/x-www-form-urlencoded"}, 415, "unsupported_media_type"),
    ({"json": {"lon": 500, "lat": 36}}, 422, "invalid_input"),
    ({"json": {"lon": 120.3, "lat": 36.1, "crs": "mars"}}, 422, "invalid_input"),
    ({"json": {"address": ""}}, 422, "invalid_input"),
    ({"json": {"lng": 120.3, "lat": 36.1}}, 422, "invalid_input"),
    ({"json": {"lon": True, "lat": 36.1}}, 422, "invalid_input"),
    ({"json": ["市南区"]}, 422, "invalid_input"),
    ({"json": {}}, 422, "invalid_input"),
    ({"json": {"address": "市南区", "at": "2026-13-45"}}, 422, "invalid_input"),
])
def test_bad_input_gets_the_one_error_shape(client, spec, kwargs, status, code):
    response = client.post("/assign", **kwargs)
    assert response.status_code == status
    assert check(spec, response, "Error")["error"]["code"] == code


def test_too_large_body_is_413(tmp_path):
    app = create_app({"max_upload_mb": 1})
    response = app.test_client().post("/assign", data="x" * (2 * 1024 * 1024), content_type="application/json")
    assert response.status_code == 413 and response.json["error"]["code"] == "payload_too_large"


def test_batch_json_keeps_order_and_reports_bad_items(client, spec):
    items = [{"address": "市北区延安二路社区"}, {"lon": 999, "lat": 0}, {"lon": 120.310165, "lat": 36.070099}]
    response = client.post("/assign/batch", json=items)
    body = check(spec, response, "BatchResult")
    assert body["count"] == 3
    assert body["results"][0]["manager"]["name"] == "赵德道"
    assert body["results"][1]["error"]["code"] == "invalid_input"
    assert body["results"][2]["territory"]["name"] == "中山路街道"


def test_batch_limit_is_413():
    app = create_app({"batch_max_rows": 2})
    response = app.test_client().post("/assign/batch", json=[{"address": "市南区"}] * 3)
    assert response.status_code == 413


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_batch_csv_upload_in_excel_encodings(client, encoding):
    text = "id,address\n1,市北区延安二路社区\n2,崂山区中韩街道海尔路65号\n3,\n"
    data = {"file": (io.BytesIO(text.encode(encoding)), "客户.csv")}
    response = client.post("/assign/batch", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    assert response.data.startswith(b"\xef\xbb\xbf")                     # UTF-8 BOM for Excel
    lines = response.data.decode("utf-8-sig").splitlines()
    assert lines[0].split(",")[:3] == ["id", "address", "status"]
    assert "赵德道" in lines[1] and "ambiguous" in lines[2] and "invalid_input" in lines[3]


def test_batch_xlsx_upload(client):
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["lon", "lat", "crs"])
    sheet.append([120.310165, 36.070099, "wgs84"])
    sheet.append([120.315203, 36.070258, "gcj02"])
    buffer = io.BytesIO()
    book.save(buffer)
    data = {"file": (io.BytesIO(buffer.getvalue()), "points.xlsx")}
    response = client.post("/assign/batch", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.data)).active.values)
    header = list(rows[0])
    assert [r[header.index("manager")] for r in rows[1:]] == ["金志新", "金志新"]


def test_territories_geojson_and_filters(client, spec):
    every = check(spec, client.get("/territories"), "Territories")
    assert len(every["features"]) == 137
    shinan = client.get("/territories", query_string={"district": "市南区"}).json["features"]
    assert {f["properties"]["district"] for f in shinan} == {"市南区"} and len(shinan) == 11
    mine = client.get("/territories", query_string={"manager": "宁军"}).json["features"]
    assert {f["properties"]["name"] for f in mine} == {"城阳经营区域", "流亭机场区域"}
    one = check(spec, client.get("/territories/370202005"), "TerritoryFeature")
    assert one["properties"]["manager"]["name"] == "金志新" and one["geometry"]["type"] in ("Polygon", "MultiPolygon")
    missing = client.get("/territories/nope")
    assert missing.status_code == 404 and check(spec, missing, "Error")


def test_managers_roster(client, spec):
    body = check(spec, client.get("/managers", query_string={"at": DAY}), "Managers")
    assert len(body["managers"]) == 15
    xiang = next(m for m in body["managers"] if m["name"] == "项文革")
    assert {t["name"] for t in xiang["territories"]} >= {"八大湖街道", "金湖路街道"}


def test_healthz(client, spec):
    body = check(spec, client.get("/healthz"), "Health")
    assert body["territories"] == {"street_office": 135, "zone": 2}


def test_admin_needs_token(client):
    assert client.post("/admin/reload").status_code == 401
    assert client.post("/admin/reload", headers={"Authorization": "Bearer nope"}).status_code == 401
    off = create_app({"admin_token": ""}).test_client()
    assert off.post("/admin/reload", headers={"Authorization": "Bearer x"}).status_code == 403


def test_reload_refuses_invalid_set_and_keeps_serving(tmp_path, spec):
    store_dir = tmp_path / "store"
    first = store.init_store(store_dir, shipped_copy(tmp_path / "base"))
    app = create_app({"admin_token": "t", "boundaries": store_dir})
    client, auth = app.test_client(), {"Authorization": "Bearer t"}

    def write_bad(tmp):
        shipped_copy(tmp / "x")
        for item in (tmp / "x").iterdir():
            item.rename(tmp / item.name)
        (tmp / "x").rmdir()
        rows = files.read_csv(tmp / files.ROSTER)
        rows[0]["territory"] = "不存在街道"
        (tmp / files.ROSTER).write_text(files.csv_text(files.ROSTER_COLUMNS, rows), encoding="utf-8")
        return files.write_manifest(tmp, {})

    bad = store.add_version(store_dir, write_bad)
    response = client.post("/admin/reload", headers=auth)
    assert response.status_code == 422
    assert "不存在街道" in json.dumps(check(spec, response, "Error"), ensure_ascii=False)
    assert client.get("/healthz").json["boundary_version"] == first
    assert client.post("/assign", json={"lon": 120.310165, "lat": 36.070099}).json["manager"]["name"] == "金志新"

    store.set_current(store_dir, first)
    assert bad != first
    assert check(spec, client.post("/admin/reload", headers=auth), "Reload")["status"] == "unchanged"


def test_info_logs_mask_addresses(client, caplog):
    address = "青岛市市北区合肥路街道同德路82号3单元501室"
    with caplog.at_level(logging.INFO):
        client.post("/assign", json={"address": address})
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "assign" in logged and address not in logged and "同德路82号" not in logged

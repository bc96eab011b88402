import csv
import io
import json
import urllib.request

import pytest
from click.testing import CliRunner

from georouter.cli import cli


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert "georouter" in result.output


def test_serve_answers_over_real_http(live_server):
    with urllib.request.urlopen(live_server + "/healthz", timeout=5) as response:
        body = json.load(response)
        assert response.headers["X-Request-Id"]
    assert body["status"] == "ok"


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_assign_address_prints_manager_and_exit_0():
    result = invoke("assign", "青岛市北区合肥路街道同德路82号", "--at", "2026-06-01")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "周辉国\t19862252355"


def test_assign_json_is_exactly_the_api_answer(client):
    result = invoke("assign", "--lon", "120.315203", "--lat", "36.070258", "--crs", "gcj02", "--json",
                    "--at", "2026-06-01")
    api = client.post("/assign", json={"lon": 120.315203, "lat": 36.070258, "crs": "gcj02", "at": "2026-06-01"})
    assert json.loads(result.stdout) == api.json


def test_assign_not_assigned_exits_5():
    result = invoke("assign", "崂山区中韩街道海尔路65号")
    assert result.exit_code == 5
    assert "赵耀" in result.stdout and "于亚辰" in result.stdout


def test_assign_bad_crs_is_a_clean_error():
    result = invoke("assign", "--lon", "1", "--lat", "2", "--crs", "mars")
    assert result.exit_code != 0 and "unknown CRS" in str(result.exception)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_batch_csv_keeps_columns_and_every_row(tmp_path, encoding):
    source = tmp_path / "in.csv"
    source.write_bytes("客户,address\n张三,市北区延安二路社区\n李四,\n王五,黄岛区长江路街道\n".encode(encoding))
    out = tmp_path / "out.csv"
    result = invoke("batch", source, "-o", out, "--no-progress")
    assert result.exit_code == 0
    text = out.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))
    assert [r["客户"] for r in rows] == ["张三", "李四", "王五"]
    assert [r["status"].split(":")[0] for r in rows] == ["assigned", "invalid_input", "outside_service_area"]
    assert rows[0]["manager"] == "赵德道" and rows[0]["phone"] == "19862252330"


def test_batch_xlsx_coordinates(tmp_path):
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    book.active.append(["lon", "lat", "crs"])
    book.active.append([120.310165, 36.070099, ""])
    book.active.append([999, 36, "wgs84"])
    source = tmp_path / "in.xlsx"
    book.save(source)
    out = tmp_path / "out.xlsx"
    assert invoke("batch", source, "-o", out, "--no-progress").exit_code == 0
    rows = list(load_workbook(out).active.values)
    status = rows[0].index("status")
    assert rows[1][status] == "assigned" and rows[2][status].startswith("invalid_input")


def test_batch_without_address_or_coordinates_is_refused(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("name\nx\n", encoding="utf-8")
    result = invoke("batch", source, "-o", tmp_path / "out.csv", "--no-progress")
    assert result.exit_code != 0 and "address" in str(result.exception)


def test_requests_report_and_overdue(tmp_path, monkeypatch):
    import datetime as dt

    from georouter.web import create_app

    url = f"sqlite:///{tmp_path / 'wf.sqlite3'}"
    monkeypatch.setenv("GEOROUTER_DATABASE_URL", url)
    workflow = create_app().extensions["georouter_workflow"]
    long_ago = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=5)
    workflow.intake(address="市北区延安二路社区", phone="13800138000", now=long_ago)
    overdue = invoke("requests", "overdue")
    assert overdue.exit_code == 0
    assert "赵德道: 1" in overdue.stdout and "138****8000" in overdue.stdout and "13800138000" not in overdue.stdout
    report = json.loads(invoke("requests", "report", "--json").stdout)
    assert report["赵德道"]["requests"] == 1 and report["赵德道"]["overdue"] == 1


def test_settings_are_printed_with_secrets_masked(monkeypatch):
    monkeypatch.setenv("GEOROUTER_ADMIN_TOKEN", "very-secret")
    monkeypatch.setenv("GEOROUTER_PORT", "9100")
    result = invoke("settings")
    assert result.exit_code == 0
    assert "GEOROUTER_PORT=9100" in result.stdout and "GEOROUTER_ADMIN_TOKEN=****" in result.stdout
    assert "very-secret" not in result.stdout

"""``georouter serve`` for real: several worker processes, reload across all of them."""

import json
import time
import urllib.error
import urllib.request

from georouter.boundaries import files, store

from .boundary_factory import shipped_copy
from .conftest import serving


def get_json(url: str, *, method: str = "GET", headers: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url, method=method, headers=headers or {}, data=b"" if method == "POST" else None)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as err:
        return err.code, json.load(err)


def versions_seen(base: str, calls: int = 30) -> set[str]:
    return {get_json(base + "/healthz")[1]["boundary_version"] for _ in range(calls)}


def reassign_zhongshan(tmp, manager=("M02", "项文革", "19862252335")):
    """A new version in which 中山路街道 belongs to another manager."""
    shipped_copy(tmp / "x")
    for item in (tmp / "x").iterdir():
        item.rename(tmp / item.name)
    (tmp / "x").rmdir()
    rows = files.read_csv(tmp / files.ROSTER)
    for row in rows:
        if row["territory"] == "中山路街道办事处":
            row.update(manager_id=manager[0], manager=manager[1], phone=manager[2])
    (tmp / files.ROSTER).write_text(files.csv_text(files.ROSTER_COLUMNS, rows), encoding="utf-8")
    return files.write_manifest(tmp, {"built_by": "test"})


def break_roster(tmp):
    reassign_zhongshan(tmp)
    rows = files.read_csv(tmp / files.ROSTER)
    rows[0]["territory"] = "不存在街道"
    (tmp / files.ROSTER).write_text(files.csv_text(files.ROSTER_COLUMNS, rows), encoding="utf-8")
    return files.write_manifest(tmp, {"built_by": "test"})


def test_reload_reaches_every_worker_and_refuses_bad_sets(tmp_path):
    store_dir = tmp_path / "store"
    first = store.init_store(store_dir, shipped_copy(tmp_path / "base"))
    auth = {"Authorization": "Bearer live-token"}
    point = "/assign?lon=120.310165&lat=36.070099"
    with serving(tmp_path, GEOROUTER_BOUNDARIES=str(store_dir)) as base:
        assert versions_seen(base) == {first}

        store.add_version(store_dir, break_roster)
        status, body = get_json(base + "/admin/reload", method="POST", headers=auth)
        assert status == 422 and "不存在街道" in json.dumps(body, ensure_ascii=False)
        assert versions_seen(base) == {first}
        assert get_json(base + point)[1]["manager"]["name"] == "金志新"

        second = store.add_version(store_dir, reassign_zhongshan)
        status, body = get_json(base + "/admin/reload", method="POST", headers=auth)
        assert status == 200 and body["boundary_version"] == second
        deadline = time.monotonic() + 30
        while versions_seen(base) != {second}:            # workers are replaced gracefully
            assert time.monotonic() < deadline, "workers did not all reload"
            time.sleep(0.5)
        assert {get_json(base + point)[1]["manager"]["name"] for _ in range(20)} == {"项文革"}

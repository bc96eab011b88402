"""scripts/build_boundaries.py rebuilds the committed boundaries/ exactly from the shared sources."""

import importlib.util
import json

import pytest

from georouter.boundaries import files
from georouter.paths import default_boundaries_dir

from .conftest import REPO

SOURCE = REPO.parent / "shared" / "data"


def load_script():
    spec = importlib.util.spec_from_file_location("build_boundaries", REPO / "scripts" / "build_boundaries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (SOURCE / "osm_qingdao_admin.geojson").exists(),
                    reason="the shared source data (../shared/data) is not beside this checkout")
def test_rebuild_is_byte_identical_to_the_committed_set(tmp_path):
    manifest = load_script().build(SOURCE, tmp_path / "b")
    shipped = default_boundaries_dir()
    for name in files.DATA_FILES + (files.LICENSE,):
        assert (tmp_path / "b" / name).read_bytes() == (shipped / name).read_bytes(), name
    assert manifest["version"] == json.loads((shipped / files.MANIFEST).read_text(encoding="utf-8"))["version"]


def test_shipped_set_counts_and_attribution():
    shipped = default_boundaries_dir()
    manifest = json.loads((shipped / files.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["counts"] == {"street_offices": 135, "zones": 2, "roster_rows": 15}
    assert any(s.get("attribution") == "© OpenStreetMap contributors" for s in manifest["sources"])
    assert "© OpenStreetMap contributors" in (shipped / files.LICENSE).read_text(encoding="utf-8")
    roster = files.read_csv(shipped / files.ROSTER)
    assert len({r["manager_id"] for r in roster}) == 15
    assert {r["phone"] for r in roster if r["manager"] == "宁军"} == {"13153281509"}

"""The validator on the shipped set (reconciliation cases) and on hand-made broken sets."""

import json

import pytest
from click.testing import CliRunner
from shapely.geometry import box

from georouter.boundaries.validate import validate_directory
from georouter.cli import cli
from georouter.paths import default_boundaries_dir

from .boundary_factory import DATA, feature, roster_row, square, two_squares, write_set

DATA_DIR = DATA


def codes(report):
    return {(p.severity, p.code) for p in report.problems}


def subjects(report, code):
    return " ".join(p.subject for p in report.problems if p.code == code)


def test_shipped_set_is_valid_and_lists_reconciliation_cases():
    report = validate_directory(default_boundaries_dir())
    assert report.ok, [str(p) for p in report.of("error")]
    for office in ("双山街道", "楼山街道", "兴城路街道", "兴华路街道", "沧口街道", "北宅街道"):
        assert office in subjects(report, "unserved")
    assert "金湖路街道" in subjects(report, "roster_inferred")
    assert {"夏庄街道", "流亭街道"} <= set(subjects(report, "zones_only").split()) | {
        s.split(" ")[0] for s in subjects(report, "zones_only").split(") ")}
    lineage = " ".join(p.message for p in report.problems if p.code == "roster_name_via_lineage")
    assert "鞍山路" in lineage and "阜新路街道" in lineage and "虎山路街道" in lineage


def test_two_squares_are_clean(tmp_path):
    report = validate_directory(two_squares(tmp_path / "b"))
    assert report.ok and not report.of("warning")


@pytest.mark.parametrize("fixture, code, words", [
    ("bowtie.geojson", "invalid_geometry", "Self-intersection"),
    ("swapped_axes.geojson", "outside_qingdao", "swapped"),
    ("projected_numbers.geojson", "outside_qingdao", "projected"),
])
def test_broken_geometry_is_named(tmp_path, fixture, code, words):
    broken = json.loads((DATA_DIR / fixture).read_text(encoding="utf-8"))["features"][0]
    directory = write_set(tmp_path / "b", [feature("A", "甲街道", square(0)), broken],
                          [roster_row("M1", "甲", "1", "甲街道")])
    report = validate_directory(directory)
    problem = next(p for p in report.problems if p.code == code)
    assert words in problem.message and broken["properties"]["name"] in problem.subject


def test_every_problem_is_reported_at_once(tmp_path):
    territories = [
        feature("A", "甲街道", square(0)),
        feature("A", "乙街道", square(1)),                               # duplicate id
        feature("C", "丙街道", box(120.305, 36.10, 120.315, 36.11)),     # overlaps 甲 by half
        feature("D", "丁街道", square(3)),                               # served district, no manager
    ]
    roster = [roster_row("M1", "甲", "1", "甲街道"), roster_row("M2", "乙", "2", "戊街道"),   # unknown name
              roster_row("M3", "丙", "3", "甲街道")]                                          # conflicting manager
    report = validate_directory(write_set(tmp_path / "b", territories, roster))
    found = {code for _, code in codes(report)}
    assert {"duplicate_id", "overlap", "roster_name_unresolved", "roster_conflict",
            "served_territory_without_manager"} <= found
    assert "戊街道" in subjects(report, "roster_name_unresolved")
    assert not report.ok


def test_zone_overlap_and_unknown_restricts(tmp_path):
    territories = [feature("A", "甲街道", square(0)),
                   feature("Z1", "一区", box(120.301, 36.101, 120.305, 36.105), kind="zone", restricts=["A"]),
                   feature("Z2", "二区", box(120.303, 36.103, 120.307, 36.107), kind="zone", restricts=["NOPE"])]
    roster = [roster_row("M1", "甲", "1", "甲街道"), roster_row("M1", "甲", "1", "一区"),
              roster_row("M1", "甲", "1", "二区")]
    report = validate_directory(write_set(tmp_path / "b", territories, roster))
    found = {code for _, code in codes(report)}
    assert {"zone_overlap", "zone_restricts"} <= found


def test_stale_manifest_is_a_warning(tmp_path):
    directory = two_squares(tmp_path / "b")
    with open(directory / "roster.csv", "a", encoding="utf-8") as f:
        f.write("\n")
    assert ("warning", "manifest_stale") in codes(validate_directory(directory))


@pytest.mark.parametrize("args, status", [
    ([], 0),
    (["--strict"], 4),     # the shipped OSM data has two coverage warnings in 黄岛
])
def test_cli_exit_codes_on_shipped_set(args, status):
    result = CliRunner().invoke(cli, ["boundaries", "validate", str(default_boundaries_dir()), *args])
    assert result.exit_code == status, result.output


def test_cli_invalid_set_exits_3_with_json(tmp_path):
    broken = json.loads((DATA_DIR / "bowtie.geojson").read_text(encoding="utf-8"))["features"]
    directory = write_set(tmp_path / "b", [feature("A", "甲街道", square(0))] + broken,
                          [roster_row("M1", "甲", "1", "甲街道")])
    result = CliRunner().invoke(cli, ["boundaries", "validate", str(directory), "--json"])
    assert result.exit_code == 3
    body = json.loads(result.stdout)
    assert body["ok"] is False and body["counts"]["error"] >= 1


def test_gap_inside_a_district_is_an_error(tmp_path):
    # a 3 x 3 block of street offices with the middle one missing: a hole nobody serves
    territories, roster = [], []
    for col in range(3):
        for row in range(3):
            if (col, row) == (1, 1):
                continue
            name = f"街{col}{row}街道"
            territories.append(feature(f"T{col}{row}", name, square(col, row)))
            roster.append(roster_row("M1", "甲", "1", name))
    report = validate_directory(write_set(tmp_path / "b", territories, roster))
    gap = next(p for p in report.problems if p.code == "gap")
    assert gap.severity == "error" and "街01街道" in gap.subject and "120.31500" in gap.message


def test_shipped_set_has_no_gaps():
    assert not [p for p in validate_directory(default_boundaries_dir()).problems if p.code == "gap"]

"""Reading and writing a boundary directory's files, and its content-hash version id.

Layout (all coordinates EPSG:4326, lon/lat, RFC 7946):
``territories.geojson`` street offices and zones · ``districts.geojson`` district unions ·
``roster.csv`` · ``decisions.csv`` · ``lineage.csv`` · ``communities.csv`` · ``manifest.json`` ·
``LICENSE.md``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path
from typing import Iterable

TERRITORIES = "territories.geojson"
DISTRICTS = "districts.geojson"
ROSTER = "roster.csv"
DECISIONS = "decisions.csv"
LINEAGE = "lineage.csv"
COMMUNITIES = "communities.csv"
MANIFEST = "manifest.json"
LICENSE = "LICENSE.md"

DATA_FILES = (TERRITORIES, DISTRICTS, ROSTER, DECISIONS, LINEAGE, COMMUNITIES)
FORMAT = "georouter-boundaries/1"

ROSTER_COLUMNS = ("manager_id", "manager", "phone", "district", "territory", "valid_from", "valid_to",
                  "basis", "source", "note")
DECISION_COLUMNS = ("territory_id", "name", "district", "decision", "inherit_from", "basis", "reason")
LINEAGE_COLUMNS = ("name", "district", "kind", "successors", "date", "rule", "source", "note")
COMMUNITY_COLUMNS = ("district", "street_office", "territory_id", "community")


def read_json(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def csv_text(columns: Iterable[str], rows: Iterable[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


def geojson_text(collection: dict) -> str:
    """Stable GeoJSON text: one feature per line, so diffs of a boundary update stay readable."""
    features = collection.get("features", [])
    head = {k: v for k, v in collection.items() if k != "features"}
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    body = ",\n".join(lines)
    prefix = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    return prefix + ',"features":[\n' + body + "\n]}\n"


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def content_version(digests: dict[str, str]) -> str:
    """The version id of a set: a hash of its data files' hashes (build date does not count)."""
    h = hashlib.sha256()
    for name in sorted(digests):
        h.update(f"{name}\0{digests[name]}\n".encode())
    return h.hexdigest()[:12]


def write_manifest(directory: Path, extra: dict) -> dict:
    """Hash the data files of ``directory`` and write ``manifest.json``; returns the manifest."""
    digests = {name: file_digest(directory / name) for name in DATA_FILES if (directory / name).exists()}
    manifest = {"format": FORMAT, "version": content_version(digests), **extra, "files": digests}
    (directory / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                      encoding="utf-8")
    return manifest

#!/usr/bin/env python3
"""Benchmark the territory index on the shipped boundaries, against a brute-force baseline.

    python scripts/bench_index.py [--points 1000000]

Baseline, measured in the same run: GEOS ``shapely.contains_xy`` over every (prepared) polygon; the
design card's ``rtree`` (bounding-box R-tree + prepared point-in-polygon) is measured beside it.
Reports single-lookup median (µs), batch throughput (points/s), index build time and the RSS of a
freshly created service app, each with its ratio to the baseline where one applies.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import rtree
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from georouter.boundaries.load import load_boundary_set  # noqa: E402
from georouter.index import TerritoryIndex  # noqa: E402
from georouter.paths import default_boundaries_dir  # noqa: E402

SERVED_BBOX = (120.25, 36.02, 120.70, 36.40)   # 市南/市北/李沧/崂山/城阳 zones


def sample(rng, bbox, n):
    return rng.uniform(bbox[0], bbox[2], n), rng.uniform(bbox[1], bbox[3], n)


def per_call_us(fn, lons, lats, block=500, blocks=60) -> float:
    """Median over blocks of the mean time of one call (µs)."""
    timings = []
    for b in range(blocks):
        xs, ys = lons[b * block:(b + 1) * block], lats[b * block:(b + 1) * block]
        started = time.perf_counter_ns()
        for x, y in zip(xs, ys):
            fn(x, y)
        timings.append((time.perf_counter_ns() - started) / len(xs) / 1000)
    return statistics.median(timings)


def service_rss_mb() -> float:
    code = ("from georouter.web import create_app\n"
            "app = create_app(); c = app.test_client()\n"
            "for a in ('市北区延安二路社区', '崂山区中韩街道'): c.post('/assign', json={'address': a})\n"
            "c.post('/assign', json={'lon': 120.31, 'lat': 36.07})\n"
            "print([l for l in open('/proc/self/status') if l.startswith('VmRSS')][0].split()[1])")
    return int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1_000_000)
    args = parser.parse_args()
    bs = load_boundary_set(default_boundaries_dir())
    geoms = np.array([t.geometry for t in bs.territories])
    shapely.prepare(geoms)
    builds = []
    for _ in range(5):
        started = time.perf_counter()
        index = TerritoryIndex.from_geometries(list(geoms))
        builds.append(time.perf_counter() - started)
    rtree_index = rtree.index.Index((i, g.bounds, None) for i, g in enumerate(geoms))
    rng = np.random.default_rng(42)
    results = {"territories": len(geoms), "grid_boundary_cells": index.boundary_cells,
               "index_build_ms": round(statistics.median(builds) * 1000, 1)}
    for label, bbox in (("served_area", SERVED_BBOX), ("all_qingdao", tuple(shapely.total_bounds(geoms)))):
        lons, lats = sample(rng, bbox, 30_000)
        ours = per_call_us(lambda x, y: index.locate(lon=x, lat=y), lons, lats)
        base = per_call_us(lambda x, y: np.flatnonzero(shapely.contains_xy(geoms, x, y)), lons, lats, blocks=20)
        with_rtree = per_call_us(lambda x, y: [i for i in rtree_index.intersection((x, y, x, y))
                                               if shapely.intersects_xy(geoms[i], x, y)], lons, lats, blocks=20)
        results[f"single_{label}"] = {"median_us": round(ours, 2), "baseline_median_us": round(base, 2),
                                      "speedup": round(base / ours, 1), "rtree_plus_shapely_us": round(with_rtree, 2)}
    lons, lats = sample(rng, SERVED_BBOX, args.points)
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        index.locate_many(lons, lats)
        runs.append(time.perf_counter() - started)
    ours_pps = args.points / min(runs)
    n_base = min(args.points, 100_000)
    started = time.perf_counter()
    for g in geoms:
        shapely.contains_xy(g, lons[:n_base], lats[:n_base])
    base_pps = n_base / (time.perf_counter() - started)
    results["batch"] = {"points": args.points, "points_per_s": round(ours_pps), "baseline_points_per_s": round(base_pps),
                        "baseline_points": n_base, "speedup": round(ours_pps / base_pps, 1)}
    results["service_rss_mb"] = round(service_rss_mb(), 1)
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

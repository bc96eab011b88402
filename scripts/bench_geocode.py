#!/usr/bin/env python3
"""Benchmark address parsing + offline gazetteer lookup per address, in-process.

    python scripts/bench_geocode.py

Baseline measured in the same run: a brute-force scan of the same text for every known name
(districts, street offices, communities) — the least a name matcher must do.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from georouter.router import Router  # noqa: E402
from locations import LOCATIONS  # noqa: E402

EXTRA = ["青岛市北区合肥路街道同德路82号3单元501室", "山东省青岛市市南区香港中路街道八大关小区3号楼", "黄岛区长江路街道",
         "北京市朝阳区建国路", "崂山区中韩街道", "城阳区夏庄街道", "李沧区兴华路街道", "市北区同德路"]


def per_address_us(fn, addresses, rounds=200) -> float:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter_ns()
        for address in addresses:
            fn(address)
        timings.append((time.perf_counter_ns() - started) / len(addresses) / 1000)
    return statistics.median(timings)


def main() -> int:
    router = Router.from_directory()
    gazetteer = router.geocoder
    addresses = [a for a, _, _ in LOCATIONS] + EXTRA
    vocab = gazetteer.vocabulary
    names = vocab.districts + vocab.street_offices + vocab.communities
    ours = per_address_us(gazetteer.geocode, addresses)
    whole = per_address_us(lambda a: router.assign(a), addresses, rounds=50)
    base = per_address_us(lambda a: [n for n in names if n in a], addresses)
    print(json.dumps({"addresses": len(addresses), "names_known": len(names),
                      "parse_and_gazetteer_us": round(ours, 1), "assign_address_end_to_end_us": round(whole, 1),
                      "baseline_name_scan_us": round(base, 1), "ratio_to_baseline": round(ours / base, 2),
                      "target_us": 1000}, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Load-test ``georouter serve`` on loopback with wrk (Debian package ``wrk``).

    python scripts/bench_http.py [--duration 10] [--connections 4] [--workers 2]

Runs, against one server started here: ``GET /healthz`` (baseline: the framework with no work),
``GET /assign`` with random coordinates in the served area, and ``GET /assign`` cycling through
real addresses. Reports requests/s, p50 and p99 latency, and each workload's throughput as a ratio
of the baseline measured in the same run. Traffic goes to 127.0.0.1 only and stops by itself.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ADDRESSES = ["市北区延安二路社区", "青岛市北区合肥路街道同德路82号", "李沧区九水路街道侯家庄", "崂山区中韩街道海尔路65号",
             "市南区金湖路街道", "黄岛区长江路街道", "崂山区金家岭街道石老人社区", "市北区宁夏路街道"]

COORDINATE_SCRIPT = """
math.randomseed(42)
request = function()
  local lon = 120.28 + math.random() * 0.35
  local lat = 36.04 + math.random() * 0.25
  return wrk.format("GET", string.format("/assign?lon=%.6f&lat=%.6f", lon, lat))
end
"""


def address_script() -> str:
    paths = ", ".join(f'"/assign?address={urllib.parse.quote(a)}"' for a in ADDRESSES)
    return f"local paths = {{{paths}}}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n" \
           f"  return wrk.format(\"GET\", paths[i])\nend\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def parse_wrk(output: str) -> dict:
    def latency_ms(label):
        m = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"requests_per_s": round(rps), "p50_ms": round(latency_ms("50%"), 2), "p99_ms": round(latency_ms("99%"), 2),
            "non_2xx": int(errors.group(1)) if errors else 0}


def run_wrk(base: str, path: str, script: str | None, args) -> dict:
    command = ["wrk", f"-t{args.wrk_threads}", f"-c{args.connections}", f"-d{args.duration}s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script or "")
    if script:
        command += ["-s", f.name]
    output = subprocess.run(command + [base + path], capture_output=True, text=True, check=True,
                            timeout=args.duration + 30).stdout
    os.unlink(f.name)
    return parse_wrk(output)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server worker processes")
    parser.add_argument("--wrk-threads", type=int, default=1)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2
    port = free_port()
    env = dict(os.environ, GEOROUTER_LOG_LEVEL="WARNING")
    server = subprocess.Popen([sys.executable, "-m", "georouter", "serve", "--host", "127.0.0.1", "--port", str(port),
                               "--workers", str(args.workers)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, cwd=Path(__file__).resolve().parent.parent)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        results = {"server": f"gunicorn, {args.workers} sync workers", "connections": args.connections,
                   "duration_s": args.duration}
        results["baseline_healthz"] = run_wrk(base, "/healthz", None, args)
        results["coordinates"] = run_wrk(base, "/", COORDINATE_SCRIPT, args)
        results["addresses"] = run_wrk(base, "/", address_script(), args)
        for key in ("coordinates", "addresses"):
            results[key]["ratio_to_baseline"] = round(
                results[key]["requests_per_s"] / results["baseline_healthz"]["requests_per_s"], 2)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

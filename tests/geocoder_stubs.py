"""Local stub servers speaking the documented wire formats of Amap, Baidu (v3) and Nominatim.

Each stub answers from a table ``address → (WGS84 lon, lat, level or type)``, converting to the
provider's own CRS (GCJ-02 for Amap, BD-09 for Baidu) the way the real services do, and can be
switched into the providers' error answers: bad key, quota, slow (timeout), server error, empty.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from georouter.coords import wgs84_to_bd09, wgs84_to_gcj02


class Stub:
    """A running stub; ``mode`` picks the behaviour, ``calls`` counts requests."""

    def __init__(self, kind: str, places: dict[str, tuple[float, float, str]]):
        self.kind, self.places, self.mode, self.calls, self.delay_s = kind, places, "ok", 0, 2.0
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                stub.calls += 1
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                status, body = stub.answer(parts.path, query)
                if stub.mode == "slow":
                    time.sleep(stub.delay_s)
                payload = json.dumps(body, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                try:
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def answer(self, path: str, query: dict) -> tuple[int, object]:
        if self.mode == "server_error":
            return 500, {"error": "internal"}
        return getattr(self, f"_{self.kind}")(path, query)

    def _amap(self, path, query):
        # https://lbs.amap.com/api/webservice/guide/api/georegeo — status "1" ok; infocode on errors
        assert path == "/v3/geocode/geo"
        if self.mode == "bad_key":
            return 200, {"status": "0", "info": "INVALID_USER_KEY", "infocode": "10001"}
        if self.mode == "quota":
            return 200, {"status": "0", "info": "DAILY_QUERY_OVER_LIMIT", "infocode": "10003"}
        place = self.places.get(query.get("address"))
        if self.mode == "empty" or place is None:
            return 200, {"status": "1", "info": "OK", "infocode": "10000", "count": "0", "geocodes": []}
        lon, lat = wgs84_to_gcj02(lon=place[0], lat=place[1])
        return 200, {"status": "1", "info": "OK", "infocode": "10000", "count": "1", "geocodes": [{
            "formatted_address": query["address"], "country": "中国", "province": "山东省", "city": "青岛市",
            "citycode": "0532", "district": "市南区", "location": f"{lon:.6f},{lat:.6f}", "level": place[2]}]}

    def _baidu(self, path, query):
        # https://lbsyun.baidu.com/faq/api?title=webapi/guide/webservice-geocoding — status 0 ok
        assert path == "/geocoding/v3/" and query.get("output") == "json"
        if self.mode == "bad_key":
            return 200, {"status": 101, "message": "APP不存在，AK有误请检查再重试"}
        if self.mode == "quota":
            return 200, {"status": 302, "message": "天配额超限，限制访问"}
        place = self.places.get(query.get("address"))
        if self.mode == "empty" or place is None:
            return 200, {"status": 1, "msg": "Internal Service Error:无相关结果", "results": []}
        lon, lat = wgs84_to_bd09(lon=place[0], lat=place[1])
        return 200, {"status": 0, "result": {"location": {"lng": lon, "lat": lat}, "precise": 1, "confidence": 80,
                                             "comprehension": 100, "level": place[2]}}

    def _nominatim(self, path, query):
        # https://nominatim.org/release-docs/latest/api/Search/ — a JSON list, lat/lon as strings
        assert path == "/search"
        place = self.places.get(query.get("q"))
        if self.mode == "empty" or place is None:
            return 200, []
        return 200, [{"place_id": 1, "licence": "Data © OpenStreetMap contributors, ODbL 1.0", "lat": f"{place[1]:.7f}",
                      "lon": f"{place[0]:.7f}", "class": "building", "type": "yes", "addresstype": place[2],
                      "importance": 0.4, "display_name": query["q"]}]

"""Online geocoders through geopy: self-hosted Nominatim, Baidu (BaiduV3) and Amap (高德).

Each provider is one small class behind the same interface: ``geocode(text) -> ProviderHit | None``
(``None`` = the service found nothing). Transport, timeouts and error classes come from geopy; the
geopy errors are translated here, once, into georouter's (``raise … from err``). Coordinates come
back in WGS84: Baidu's BD-09 and Amap's GCJ-02 are converted.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from urllib.parse import urlencode, urlsplit

from geopy import exc as geopy_exc
from geopy.geocoders import BaiduV3, Nominatim
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from .. import errors
from ..coords import bd09_to_wgs84, gcj02_to_wgs84

#: Chinese map APIs' ``level`` → (our precision, confidence); coarser levels are not worth a point.
CHINESE_LEVELS = {
    "门牌号": ("address", 0.9), "单元号": ("address", 0.9), "兴趣点": ("address", 0.85), "住宅区": ("address", 0.8),
    "商务大厦": ("address", 0.85), "教育": ("address", 0.8), "医疗": ("address", 0.8), "热点商圈": ("address", 0.6),
    "道路": ("road", 0.6), "道路交叉路口": ("road", 0.65), "公交站台、地铁站": ("address", 0.7),
    "村庄": ("community", 0.6), "乡镇": ("street_office", 0.5), "区县": ("district", 0.3), "开发区": ("district", 0.3),
}
NOMINATIM_TYPES = {
    "house": "address", "building": "address", "amenity": "address", "place": "address", "shop": "address",
    "office": "address", "road": "road", "residential": "address", "neighbourhood": "community",
    "quarter": "community", "suburb": "street_office", "village": "community", "town": "street_office",
    "city_district": "district", "district": "district",
}
NOMINATIM_CONFIDENCE = {"address": 0.85, "road": 0.6, "community": 0.6, "street_office": 0.5, "district": 0.3}


@dataclass(frozen=True)
class ProviderHit:
    """A provider's answer in WGS84 with our precision and confidence and its own words for them."""

    lon: float
    lat: float
    precision: str
    confidence: float
    detail: str


def translate(err: geopy_exc.GeopyError, provider: str) -> errors.GeocoderError:
    """geopy's exception → georouter's (one table, used by every provider)."""
    message = f"{provider}: {err}"
    if isinstance(err, geopy_exc.GeocoderTimedOut):
        return errors.GeocoderTimedOut(message)
    if isinstance(err, (geopy_exc.GeocoderAuthenticationFailure, geopy_exc.GeocoderInsufficientPrivileges)):
        return errors.GeocoderAuthError(message)
    if isinstance(err, geopy_exc.GeocoderQuotaExceeded):
        return errors.GeocoderQuotaExceeded(message)
    return errors.GeocoderError(message)


def _split_url(url: str, default_domain: str) -> tuple[str, str]:
    """``http://127.0.0.1:8080`` → (``http``, ``127.0.0.1:8080``); empty → (https, default)."""
    if not url:
        return "https", default_domain
    parts = urlsplit(url if "//" in url else f"https://{url}")
    return parts.scheme, parts.netloc + parts.path.rstrip("/")


class Amap(Geocoder):
    """A geopy-style geocoder for Amap's Web Service geocoding API (``/v3/geocode/geo``), GCJ-02 coordinates."""

    api_path = "/v3/geocode/geo"
    #: Amap ``infocode`` → geopy exception (documented error codes).
    ERRORS = {"10001": geopy_exc.GeocoderAuthenticationFailure, "10009": geopy_exc.GeocoderAuthenticationFailure,
              "10003": geopy_exc.GeocoderQuotaExceeded, "10044": geopy_exc.GeocoderQuotaExceeded,
              "10004": geopy_exc.GeocoderRateLimited, "10019": geopy_exc.GeocoderRateLimited,
              "10020": geopy_exc.GeocoderRateLimited, "10021": geopy_exc.GeocoderRateLimited,
              "20000": geopy_exc.GeocoderQueryError, "20001": geopy_exc.GeocoderQueryError}

    def __init__(self, api_key: str, *, domain: str = "restapi.amap.com", scheme=None, city: str = "青岛",
                 timeout=DEFAULT_SENTINEL, user_agent=None, adapter_factory=None):
        super().__init__(scheme=scheme, timeout=timeout, user_agent=user_agent, adapter_factory=adapter_factory)
        self.api_key, self.city = api_key, city
        self.api = f"{self.scheme}://{domain}{self.api_path}"

    def geocode(self, query: str, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL):
        params = {"key": self.api_key, "address": query, "city": self.city, "output": "JSON"}
        url = f"{self.api}?{urlencode(params)}"
        return self._call_geocoder(url, partial(self._parse_json, exactly_one=exactly_one), timeout=timeout)

    def _parse_json(self, page: dict, exactly_one: bool = True):
        if str(page.get("status")) != "1":
            code = str(page.get("infocode", ""))
            raise self.ERRORS.get(code, geopy_exc.GeocoderServiceError)(f"{page.get('info')} (infocode {code})")
        places = page.get("geocodes") or []
        if not places:
            return None

        def parse(place):
            lon, lat = (float(v) for v in place["location"].split(","))
            return Location(place.get("formatted_address") or "", (lat, lon), place)

        return parse(places[0]) if exactly_one else [parse(p) for p in places]


class BaiduV3NoResult(BaiduV3):
    """geopy's BaiduV3, reading Baidu's "no result" answer (status 1, msg "…无相关结果") as no result.

    geopy maps every status 1 to a server error, which would retry and trip the breaker on a plain miss.
    """

    def _parse_json(self, page, exactly_one=True):
        message = str(page.get("msg") or page.get("message") or "")
        if page.get("status") == 1 and "无相关结果" in message:
            return None
        return super()._parse_json(page, exactly_one=exactly_one)


class OnlineProvider:
    """One configured online geocoder; ``geocode`` returns a :class:`ProviderHit`, ``None``, or raises."""

    name = "online"

    def __init__(self, geocoder: Geocoder):
        self.geocoder = geocoder

    def geocode(self, text: str) -> ProviderHit | None:
        try:
            location = self.geocoder.geocode(text, exactly_one=True)
        except geopy_exc.GeopyError as err:
            raise translate(err, self.name) from err
        return None if location is None else self.hit(location)

    def hit(self, location: Location) -> ProviderHit | None:
        raise NotImplementedError


class NominatimProvider(OnlineProvider):
    name = "nominatim"

    def __init__(self, url: str, timeout: float):
        if not url:
            raise errors.ConfigurationError("GEOROUTER_GEOCODER_URL must name the self-hosted Nominatim server")
        scheme, domain = _split_url(url, "")
        super().__init__(Nominatim(domain=domain, scheme=scheme, timeout=timeout, user_agent="georouter"))

    def hit(self, location: Location) -> ProviderHit | None:
        raw = location.raw
        kind = raw.get("addresstype") or raw.get("type") or ""
        precision = NOMINATIM_TYPES.get(kind) or NOMINATIM_TYPES.get(raw.get("class", ""))
        if precision is None:
            return None
        importance = float(raw.get("importance") or 0.5)
        confidence = round(NOMINATIM_CONFIDENCE[precision] * (0.8 + 0.2 * min(importance, 1.0)), 3)
        return ProviderHit(location.longitude, location.latitude, precision, confidence, f"type={kind}")


class BaiduProvider(OnlineProvider):
    name = "baidu"

    def __init__(self, key: str, url: str, timeout: float):
        if not key:
            raise errors.ConfigurationError("GEOROUTER_GEOCODER_KEY (Baidu ak) is required for the Baidu geocoder")
        scheme, domain = _split_url(url, "api.map.baidu.com")
        geocoder = BaiduV3NoResult(api_key=key, scheme=scheme, timeout=timeout)
        geocoder.api = f"{scheme}://{domain}{geocoder.api_path}"
        super().__init__(geocoder)

    def hit(self, location: Location) -> ProviderHit | None:
        raw = location.raw
        level = raw.get("level", "")
        if level not in CHINESE_LEVELS:
            return None
        precision, base = CHINESE_LEVELS[level]
        confidence = base * (1.0 if raw.get("precise") == 1 else 0.8) * min(1.0, float(raw.get("confidence", 50)) / 50)
        lon, lat = bd09_to_wgs84(lon=location.longitude, lat=location.latitude)
        return ProviderHit(lon, lat, precision, round(min(confidence, 0.95), 3),
                           f"level={level}, precise={raw.get('precise')}, confidence={raw.get('confidence')}")


class AmapProvider(OnlineProvider):
    name = "amap"

    def __init__(self, key: str, url: str, timeout: float):
        if not key:
            raise errors.ConfigurationError("GEOROUTER_GEOCODER_KEY (Amap key) is required for the Amap geocoder")
        scheme, domain = _split_url(url, "restapi.amap.com")
        super().__init__(Amap(key, domain=domain, scheme=scheme, timeout=timeout, user_agent="georouter"))

    def hit(self, location: Location) -> ProviderHit | None:
        level = location.raw.get("level", "")
        if level not in CHINESE_LEVELS:
            return None
        precision, confidence = CHINESE_LEVELS[level]
        lon, lat = gcj02_to_wgs84(lon=location.longitude, lat=location.latitude)
        return ProviderHit(lon, lat, precision, confidence, f"level={level}")


def make_provider(settings) -> OnlineProvider | None:
    """The provider the settings ask for, or ``None`` for the offline default."""
    name, url, key, timeout = settings.geocoder, settings.geocoder_url, settings.geocoder_key, settings.geocoder_timeout_s
    if name == "offline":
        return None
    if name == "nominatim":
        return NominatimProvider(url, timeout)
    if name == "baidu":
        return BaiduProvider(key, url, timeout)
    return AmapProvider(key, url, timeout)

"""An online provider in front of the offline gazetteer, with the safety gear around it.

Order for one address: cache → (circuit breaker allows?) → rate limit → provider with retry and
back-off → if it failed, was refused, or found nothing precise: the offline gazetteer, and the
answer says so. The gazetteer also decides when the provider is coarser than the names in the text.
"""

from __future__ import annotations

import logging

from ..assignment import Location
from ..errors import GeocoderError
from ..masking import mask_address
from .gazetteer import Gazetteer
from .normalize import normalize_address
from .parse import parse_address
from .providers import OnlineProvider
from .resilience import CircuitBreaker, RateLimiter, TTLCache, retry
from .result import PRECISIONS, GeocodeResult

log = logging.getLogger(__name__)
_MISS = ("miss",)


class ResilientProvider:
    """A provider with its rate limiter, circuit breaker and cache; shared across boundary reloads."""

    def __init__(self, provider: OnlineProvider, *, min_interval_s: float = 0.05, cache_size: int = 10_000,
                 breaker: CircuitBreaker | None = None, retry_attempts: int = 3, retry_delay_s: float = 0.2):
        self.provider = provider
        self.name = provider.name
        self.limiter = RateLimiter(min_interval_s)
        self.breaker = breaker or CircuitBreaker()
        self.cache = TTLCache(cache_size)
        self.retry_attempts, self.retry_delay_s = retry_attempts, retry_delay_s

    def lookup(self, text: str):
        """The provider's hit (or ``None``); raises :class:`GeocoderError` when it could not answer."""
        key = normalize_address(text)
        cached = self.cache.get(key)
        if cached is not None:
            return None if cached is _MISS else cached
        if not self.breaker.allow():
            raise GeocoderError(f"{self.name}: circuit open after repeated failures")

        def call():
            self.limiter.wait()
            return self.provider.geocode(text)

        try:
            hit = retry(call, attempts=self.retry_attempts, base_delay_s=self.retry_delay_s)
        except GeocoderError:
            self.breaker.failure()
            raise
        self.breaker.success()
        self.cache.put(key, _MISS if hit is None else hit)
        return hit


class GeocoderChain:
    """``geocode(text)``: the online provider when it answers precisely, else the offline gazetteer."""

    def __init__(self, online: ResilientProvider, gazetteer: Gazetteer):
        self.online, self.gazetteer = online, gazetteer
        self.source = online.name

    def geocode(self, text: str) -> GeocodeResult | None:
        offline = self.gazetteer.geocode(text)
        try:
            hit = self.online.lookup(text)
        except GeocoderError as err:
            log.warning("online geocoder failed for %s: %s; using the offline gazetteer", mask_address(text), err)
            return _with_warning(offline, f"在线地理编码（{self.source}）不可用，已改用离线地名库：{err.message}")
        if hit is None:
            return _with_warning(offline, f"在线地理编码（{self.source}）未找到该地址，已改用离线地名库")
        if offline is not None and PRECISIONS.index(hit.precision) >= PRECISIONS.index(offline.precision):
            return _with_note(offline, f"{self.source}精度仅到{hit.precision}（{hit.detail}），以地名匹配为准")
        parsed = parse_address(text, self.gazetteer.vocabulary)
        district = self.gazetteer.district_aliases.get(parsed.district, parsed.district) if parsed.district else None
        return GeocodeResult(query=text, source=self.source, precision=hit.precision, confidence=hit.confidence,
                             location=Location(hit.lon, hit.lat, hit.precision, f"{self.source} ({hit.detail})"),
                             district=district, parsed=parsed,
                             notes=(f"{self.source}地理编码：{hit.detail} → 精度{hit.precision}",))


def _with_warning(result: GeocodeResult | None, warning: str) -> GeocodeResult | None:
    if result is None:
        return None
    return GeocodeResult(**{**result.__dict__, "warnings": result.warnings + (warning,)})


def _with_note(result: GeocodeResult, note: str) -> GeocodeResult:
    return GeocodeResult(**{**result.__dict__, "notes": result.notes + (note,)})

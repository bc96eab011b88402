"""Keeping an online geocoder from hurting the service: retry with back-off, rate limit, circuit breaker, cache."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Callable, TypeVar

from ..errors import GeocoderAuthError, GeocoderError, GeocoderQuotaExceeded

T = TypeVar("T")


def retry(call: Callable[[], T], *, attempts: int = 3, base_delay_s: float = 0.2,
          sleep: Callable[[float], None] = time.sleep) -> T:
    """Call, retrying transient :class:`GeocoderError` with exponential back-off (0.2 s, 0.4 s …).

    A refused key or an exhausted quota is not transient: it is raised at once.
    """
    for attempt in range(attempts):
        try:
            return call()
        except (GeocoderAuthError, GeocoderQuotaExceeded):
            raise
        except GeocoderError:
            if attempt == attempts - 1:
                raise
            sleep(base_delay_s * 2 ** attempt)
    raise AssertionError("unreachable")


class RateLimiter:
    """At most one call per ``min_interval_s`` across threads (waits for its turn)."""

    def __init__(self, min_interval_s: float, clock=time.monotonic, sleep=time.sleep):
        self.min_interval_s, self._clock, self._sleep = min_interval_s, clock, sleep
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self) -> None:
        with self._lock:
            now = self._clock()
            start = max(now, self._next)
            self._next = start + self.min_interval_s
        if start > now:
            self._sleep(start - now)


class CircuitBreaker:
    """Opens after ``threshold`` consecutive failures; after ``cooldown_s`` lets one trial call through."""

    def __init__(self, threshold: int = 5, cooldown_s: float = 30.0, clock=time.monotonic):
        self.threshold, self.cooldown_s, self._clock = threshold, cooldown_s, clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def state(self) -> str:
        with self._lock:
            if self._opened_at is None:
                return "closed"
            return "half_open" if self._clock() - self._opened_at >= self.cooldown_s else "open"

    def allow(self) -> bool:
        """May a call go out now? In half-open state one call is let through and the timer restarts."""
        with self._lock:
            if self._opened_at is None:
                return True
            if self._clock() - self._opened_at >= self.cooldown_s:
                self._opened_at = self._clock()
                return True
            return False

    def success(self) -> None:
        with self._lock:
            self._failures, self._opened_at = 0, None

    def failure(self) -> None:
        with self._lock:
            self._failures += 1
            if self._failures >= self.threshold:
                self._opened_at = self._clock()


class TTLCache:
    """A thread-safe LRU cache whose entries expire after ``ttl_s``."""

    def __init__(self, size: int = 10_000, ttl_s: float = 86_400.0, clock=time.monotonic):
        self.size, self.ttl_s, self._clock = size, ttl_s, clock
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            item = self._items.get(key)
            if item is None or self._clock() - item[0] > self.ttl_s:
                self._items.pop(key, None)
                return None
            self._items.move_to_end(key)
            return item[1]

    def put(self, key, value) -> None:
        with self._lock:
            self._items[key] = (self._clock(), value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

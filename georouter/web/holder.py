"""The router in service, swapped atomically on reload.

Requests read ``holder.router`` once and use that object throughout, so a reload never mixes two
boundary versions within one answer. A reload builds and validates the new router fully before
the single reference assignment that publishes it; a failed reload leaves the old one serving.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from flask import current_app

from ..errors import BoundaryDataError
from ..paths import default_boundaries_dir
from ..router import Router

log = logging.getLogger(__name__)


class RouterHolder:
    """Holds the current :class:`Router`; ``reload()`` replaces it or raises and keeps it."""

    def __init__(self, source: Path | None, offshore_m: float, online=None):
        self.source = Path(source) if source else default_boundaries_dir()
        self.offshore_m = offshore_m
        self.online = online
        self._lock = threading.Lock()
        self.router = Router.from_directory(self.source, offshore_m=offshore_m, online=online)

    def reload(self) -> tuple[str, str]:
        """Load the source again; returns (old version, new version). Raises :class:`BoundaryDataError`."""
        with self._lock:
            old = self.router.version
            try:
                new_router = Router.from_directory(self.source, offshore_m=self.offshore_m, online=self.online)
            except BoundaryDataError:
                log.warning("reload refused: boundary set at %s is invalid; still serving %s", self.source, old)
                raise
            self.router = new_router
            log.info("boundaries reloaded: %s -> %s", old, new_router.version)
            return old, new_router.version


def current_router() -> Router:
    """The router serving this request."""
    return current_app.extensions["georouter"].router

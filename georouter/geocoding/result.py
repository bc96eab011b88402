"""What a geocoder found for one address."""

from __future__ import annotations

from dataclasses import dataclass

from ..assignment import Location
from .parse import ParsedAddress

#: Precision levels, finest first.
PRECISIONS = ("exact", "address", "road", "community", "street_office", "district")


@dataclass(frozen=True)
class GeocodeResult:
    """A point (``location``) and/or the territories the text names (``territory_ids``).

    ``confidence`` (0–1) is the geocoder's own certainty; ``district`` the current district the text
    names, if any; ``notes`` say in Chinese which part of the text matched what.
    """

    query: str
    source: str
    precision: str
    confidence: float
    location: Location | None = None
    territory_ids: tuple[str, ...] = ()
    district: str | None = None
    parsed: ParsedAddress | None = None
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

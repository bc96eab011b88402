"""The offline gazetteer: the embedded default geocoder, built from the boundary set alone.

It knows district and street-office names with their lineage, the communities of each street
office, the road names that communities are named after (``同德路社区`` → 同德路 runs in 合肥路街道),
and an interior point of every territory. It resolves an address straight to territories, never
inventing a finer point than it knows: a split name ("中韩街道") stays two candidates unless a
community or a road decides it.
"""

from __future__ import annotations

import re
from collections import defaultdict

import shapely

from ..assignment import Location
from ..boundaries.model import STREET_OFFICE, BoundarySet
from ..boundaries.names import NameResolver
from .parse import Vocabulary, parse_address
from .result import GeocodeResult

_ROAD_IN_COMMUNITY = re.compile(r"^(.+?(?:大道|支路|路|街|巷))(?:社区|村)$")

CONFIDENCE = {"community": 0.9, "street_office": 0.95, "road": 0.7, "district": 0.3}
DISTRICT_MISMATCH_FACTOR = 0.7


class Gazetteer:
    """Resolves Qingdao address text to territories using only the boundary set's names."""

    source = "gazetteer"

    def __init__(self, bs: BoundarySet):
        """Prefer :meth:`from_boundary_set`."""
        self.bs = bs
        self.resolver = NameResolver(bs.territories, bs.lineage)
        self.district_aliases = {e.name: e.successors[0] for e in bs.lineage
                                 if e.kind.startswith("district") and e.successors}
        self.communities: dict[str, list[str]] = defaultdict(list)
        self.roads: dict[str, set[str]] = defaultdict(set)
        for community in bs.communities:
            self.communities[community.name].append(community.territory_id)
            road = _ROAD_IN_COMMUNITY.match(community.name)
            if road:
                self.roads[road.group(1)].add(community.territory_id)
        street_names = {t.name for t in bs.territories if t.kind == STREET_OFFICE}
        street_names |= {e.name for e in bs.lineage if not e.kind.startswith("district")}
        self.vocabulary = Vocabulary.of(list(bs.districts) + list(self.district_aliases), street_names,
                                        self.communities)
        self._points = {t.id: shapely.get_coordinates(t.geometry.representative_point())[0]
                        for t in bs.territories}

    @classmethod
    def from_boundary_set(cls, bs: BoundarySet) -> "Gazetteer":
        return cls(bs)

    def _in_district(self, ids, district: str | None) -> list[str]:
        return [i for i in ids if district is None or self.bs.by_id[i].district == district]

    def geocode(self, text: str) -> GeocodeResult | None:
        """Resolve ``text``; ``None`` when nothing in it is known (no match is a value, not an error)."""
        parsed = parse_address(text, self.vocabulary)
        district = self.district_aliases.get(parsed.district, parsed.district) if parsed.district else None
        notes, warnings = [], []
        if parsed.district:
            notes.append(f"区'{parsed.district}'" + (f" → {district}（沿革）" if district != parsed.district else ""))
        ids: list[str] = []
        precision = None
        if parsed.street_office:
            resolution = self.resolver.historical(parsed.street_office, district)
            ids = list(resolution.territory_ids)
            precision = "street_office"
            names = "、".join(self.bs.by_id[i].name for i in ids) or "无"
            history = f"（{resolution.describe()}）" if resolution.entry else ""
            notes.append(f"街道'{parsed.street_office}' → {names}{history}")
        if parsed.community:
            community_ids = self._in_district(self.communities[parsed.community], district) \
                or self.communities[parsed.community]
            narrowed = [i for i in community_ids if not ids or i in ids]
            names = "、".join(f"{self.bs.by_id[i].name}" for i in community_ids)
            if narrowed:
                ids, precision = narrowed, "community"
                notes.append(f"社区'{parsed.community}' → {names}（社区名录）")
            else:
                warnings.append(f"社区'{parsed.community}'属于{names}，与地址中的街道不一致")
        if parsed.road and parsed.road in self.roads:
            road_ids = sorted(self.roads[parsed.road])
            names = "、".join(self.bs.by_id[i].name for i in road_ids)
            if not ids:
                ids, precision = self._in_district(road_ids, district) or road_ids, "road"
                notes.append(f"道路'{parsed.road}' → {names}（以该路命名的社区所在街道）")
            elif len(ids) > 1 and set(ids) & set(road_ids):
                ids = [i for i in ids if i in road_ids]
                notes.append(f"道路'{parsed.road}'所在社区属于{names}，据此确定")
        if not ids and district:
            ids = [t.id for t in self.bs.territories if t.kind == STREET_OFFICE and t.district == district]
            precision = "district"
            notes.append("仅识别到区，需更详细的地址")
        if not ids:
            return None
        confidence = CONFIDENCE[precision]
        if len(ids) > 1 and precision != "district":
            confidence = min(confidence, 0.5)
        found_districts = {self.bs.by_id[i].district for i in ids}
        if district and district not in found_districts:
            warnings.append(f"地址写的是{parsed.district}，但匹配到的{'、'.join(sorted(found_districts))}不符")
            confidence *= DISTRICT_MISMATCH_FACTOR
        location = None
        if len(ids) == 1:
            lon, lat = self._points[ids[0]]
            location = Location(float(lon), float(lat), precision, "gazetteer (territory interior point)")
        return GeocodeResult(query=text, source=self.source, precision=precision, confidence=confidence,
                             location=location, territory_ids=tuple(ids), district=district, parsed=parsed,
                             notes=tuple(notes), warnings=tuple(warnings))

"""Parse a normalised Qingdao address into its components.

The parser knows the vocabulary of the boundary set (districts, street offices with their history,
communities) and recognises the generic parts by their suffixes: road (路/街/大道/巷/支路), house
number (号/号楼/单元/室), estate or landmark (小区/花园/苑/公寓/大厦/广场/学校/医院 …).
"青岛市北区" reads as 青岛 + 市北区, not 青岛市 + 北区.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from .normalize import normalize_address

_PROVINCE = ("山东省", "山东")
_ROAD = re.compile(r"([\u4e00-\u9fff0-9]{1,10}?(?:大道|支路|路|街|巷))(?:(\d+)号)?")
_NUMBER = re.compile(r"(\d+)(号楼|号|栋|单元|室)")
_LANDMARK_SUFFIXES = ("小区", "花园", "公寓", "大厦", "广场", "中学", "小学", "学校", "医院", "苑", "园", "里", "城", "中心")
_LANDMARK = re.compile(r"([\u4e00-\u9fff0-9A-Za-z]{2,14}?(?:" + "|".join(_LANDMARK_SUFFIXES) + "))")
#: A community written without 社区/村 is recognised only from this many characters (侯家庄, not 张村).
MIN_BARE_COMMUNITY = 3
_COMMUNITY_SUFFIXES = ("社区居委会", "居委会", "居民委员会", "社区", "村委会", "村")


@dataclass(frozen=True)
class Vocabulary:
    """Names the parser can recognise, longest first."""

    districts: tuple[str, ...]           # full and alias district names (市南区, 四方区, 西海岸新区 …)
    street_offices: tuple[str, ...]      # current and historical street-office names (…街道, …镇)
    communities: tuple[str, ...]         # community names as listed (…社区, …村)
    community_keys: tuple[tuple[str, str], ...] = ()   # (name without 社区/村 suffix, listed name)

    @classmethod
    def of(cls, districts: Iterable[str], street_offices: Iterable[str], communities: Iterable[str]) -> "Vocabulary":
        def longest_first(names):
            return tuple(sorted(set(names), key=len, reverse=True))
        listed = longest_first(communities)
        keys = tuple(sorted(((_community_key(c), c) for c in listed), key=lambda kc: len(kc[0]), reverse=True))
        return cls(longest_first(districts), longest_first(street_offices), listed, keys)


@dataclass(frozen=True)
class ParsedAddress:
    """What the text says, component by component; ``rest`` is what no rule consumed."""

    text: str
    normalized: str
    district: str | None = None
    street_office: str | None = None
    community: str | None = None
    road: str | None = None
    house_number: str | None = None
    landmark: str | None = None
    rest: str = ""
    matched: tuple[tuple[str, str], ...] = field(default=())

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("district", "street_office", "community", "road", "house_number",
                                              "landmark", "rest")}


def _strip_prefix(text: str, prefixes: Iterable[str]) -> str:
    for prefix in prefixes:
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def _find(text: str, names: Iterable[str]) -> str | None:
    return next((name for name in names if name in text), None)


def _strip_city(text: str, vocab: Vocabulary) -> str:
    """Drop 青岛市/青岛, reading "青岛市北区" as 青岛 + 市北区 (and "青岛市市北区" as 青岛市 + 市北区)."""
    if text.startswith("青岛市"):
        if any(text[3:].startswith(d) for d in vocab.districts):
            return text[3:]
        if any(text[2:].startswith(d) for d in vocab.districts):
            return text[2:]
        return text[3:]
    return _strip_prefix(text, ("青岛",))


def _bare_ok(key: str, text: str) -> bool:
    """May a community be recognised without its suffix in ``text``?

    Only a long enough name, not named after a road, and not the start of an estate's name
    ("八大关小区" is an estate, not 八大关社区).
    """
    if len(key) < MIN_BARE_COMMUNITY or key.endswith(("路", "街", "道", "巷")):
        return False
    after = text[text.index(key) + len(key):]
    return not after.startswith(_LANDMARK_SUFFIXES)


def _community_key(name: str) -> str:
    for suffix in _COMMUNITY_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def parse_address(text: str, vocab: Vocabulary) -> ParsedAddress:
    """Split ``text`` into components (see :class:`ParsedAddress`)."""
    normalized = normalize_address(text)
    rest = _strip_prefix(normalized, ("中国",))
    rest = _strip_prefix(rest, _PROVINCE)
    rest = _strip_city(rest, vocab)
    matched: list[tuple[str, str]] = []

    district = next((d for d in vocab.districts if rest.startswith(d)), None) or _find(rest, vocab.districts)
    if district:
        rest = rest.replace(district, "", 1)
        matched.append(("district", district))

    street = _find(rest, vocab.street_offices)
    if street:
        spelled = street + "办事处" if street + "办事处" in rest else street
        rest = rest.replace(spelled, "", 1)
        matched.append(("street_office", street))

    community = _find(rest, vocab.communities)
    if community is None:
        for suffix in ("社区居委会", "居委会", "居民委员会", ""):
            hit = next(((k, c) for k, c in vocab.community_keys
                        if k + suffix in rest and (suffix or _bare_ok(k, rest))), None)
            if hit:
                community = hit[1]
                rest = rest.replace(hit[0] + suffix, "", 1)
                break
    else:
        rest = rest.replace(community, "", 1)
    if community:
        matched.append(("community", community))

    road = house = None
    road_match = _ROAD.search(rest)
    if road_match:
        road, house = road_match.group(1), road_match.group(2)
        rest = rest[:road_match.start()] + rest[road_match.end():]
        matched.append(("road", road))
    if house is None:
        number = _NUMBER.search(rest)
        if number:
            house = number.group(1)
            rest = rest[:number.start()] + rest[number.end():]
    landmark_match = _LANDMARK.search(rest)
    landmark = landmark_match.group(1) if landmark_match else None
    if landmark:
        rest = rest.replace(landmark, "", 1)
        matched.append(("landmark", landmark))
    return ParsedAddress(text=text, normalized=normalized, district=district, street_office=street,
                         community=community, road=road, house_number=house, landmark=landmark, rest=rest,
                         matched=tuple(matched))

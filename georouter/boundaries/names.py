"""Street-office names: canonical spelling and resolution through the lineage table.

The roster and real addresses use old, merged, renamed and split names. :class:`NameResolver` maps
any of them to the current territories they stand for, with the lineage entry that explains why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .model import LineageEntry, Territory

_SUFFIXES = ("街道办事处", "办事处")
KIND_LABELS = {"merged": "已合并", "split": "已拆分", "renamed": "已更名", "alias": "别称",
               "district_merged": "区已合并", "district_alias": "区别称"}


def canonical_street_name(name: str) -> str:
    """``"八大峡街道办事处"`` → ``"八大峡街道"``; spaces removed; other names unchanged."""
    name = "".join(name.split())
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)] + ("街道" if suffix == "街道办事处" else "")
    return name


@dataclass(frozen=True)
class Resolution:
    """What a name stands for today: ``territory_ids`` and, when history was needed, the entry."""

    name: str
    territory_ids: tuple[str, ...]
    entry: LineageEntry | None = None

    @property
    def kind(self) -> str:
        return self.entry.kind if self.entry else "current"

    def describe(self) -> str:
        """The lineage step in Chinese, e.g. ``拆分（2017-04，辽阳东路…）``; empty for a current name."""
        if self.entry is None:
            return ""
        details = "，".join(x for x in (self.entry.date, self.entry.rule) if x)
        label = KIND_LABELS.get(self.entry.kind, self.entry.kind)
        return f"{label}（{details}）" if details else label


class NameResolver:
    """Resolves street-office and zone names (current or historical) to current territory ids."""

    def __init__(self, territories: Iterable[Territory], lineage: Iterable[LineageEntry]):
        self._current: dict[str, list[Territory]] = {}
        for territory in territories:
            self._current.setdefault(territory.name, []).append(territory)
        self._lineage: dict[str, list[LineageEntry]] = {}
        for entry in lineage:
            self._lineage.setdefault(canonical_street_name(entry.name), []).append(entry)

    def _current_ids(self, name: str, district: str | None) -> tuple[str, ...]:
        found = self._current.get(name, [])
        if district:
            found = [t for t in found if t.district == district] or found
        return tuple(t.id for t in found)

    def current(self, name: str, district: str | None = None) -> Resolution:
        """The territory a name denotes *today*: a current name wins over its history.

        Used for the roster (written after the 2017 split, so "中韩街道" means today's 中韩).
        An unknown name resolves to no territory.
        """
        name = canonical_street_name(name)
        ids = self._current_ids(name, district)
        if ids:
            return Resolution(name, ids)
        return self.historical(name, district)

    def historical(self, name: str, district: str | None = None) -> Resolution:
        """Every current territory a name may denote, including split successors.

        Used for addresses, which may predate a split: "中韩街道" → 中韩 or 金家岭.
        """
        name = canonical_street_name(name)
        for entry in self._lineage.get(name, []):
            if district and entry.district and entry.district != district:
                continue
            ids: list[str] = []
            for successor in entry.successors:
                ids.extend(self._current_ids(successor, entry.district or district))
            return Resolution(name, tuple(dict.fromkeys(ids)), entry)
        return Resolution(name, self._current_ids(name, district))

    def known_names(self) -> list[str]:
        """Every current and historical name, longest first (for matching inside free text)."""
        return sorted(set(self._current) | set(self._lineage), key=len, reverse=True)

"""Time limits of the seed, on Chinese working days (holidays and adjusted working weekends).

- first contact within ``contact_limit_hours`` (1) of intake (五、(一)2);
- for work with an outside pipeline, the access plan within ``plan_limit_workdays`` (3) working
  days of the site survey (五、(二)3).

Working days come from the maintained ``holidays`` package (China: public holidays and the State
Council's adjusted working weekends), compared day by day with ``chinese-calendar`` for 2020–2026.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LOCAL_TZ = ZoneInfo("Asia/Shanghai")


@lru_cache(maxsize=16)
def _calendar(year: int) -> holidays.HolidayBase:
    return holidays.China(years=[year])


def is_working_day(day: dt.date) -> bool:
    """Is ``day`` a working day in mainland China (adjusted weekends count, holidays do not)?"""
    return _calendar(day.year).is_working_day(day)


def add_working_days(start: dt.datetime, days: int) -> dt.datetime:
    """The same local clock time ``days`` working days after ``start`` (aware datetime, returned in UTC)."""
    local = start.astimezone(LOCAL_TZ)
    day = local.date()
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return dt.datetime.combine(day, local.timetz()).astimezone(dt.timezone.utc)


@dataclass(frozen=True)
class Limits:
    contact_limit_hours: float = 1.0
    plan_limit_workdays: int = 3


@dataclass(frozen=True)
class Deadline:
    """One time limit of one request: due when, met when (or not yet), overdue now?"""

    name: str
    label: str
    due_at: dt.datetime
    met_at: dt.datetime | None

    def overdue(self, now: dt.datetime) -> bool:
        return self.met_at is None and now > self.due_at

    def met(self) -> bool | None:
        """True/False once decided, None while still open and not yet due."""
        if self.met_at is not None:
            return self.met_at <= self.due_at
        return None

    def to_dict(self, now: dt.datetime) -> dict:
        return {"name": self.name, "label": self.label, "due_at": self.due_at.isoformat(),
                "met_at": self.met_at.isoformat() if self.met_at else None, "met": self.met(),
                "overdue": self.overdue(now)}


def deadlines(stage_times: dict[str, dt.datetime], outside_pipeline: bool, limits: Limits) -> list[Deadline]:
    """The deadlines that apply to a request, given when it reached each stage."""
    out = [Deadline("contact", "1小时内联系用户", stage_times["intake"] + dt.timedelta(hours=limits.contact_limit_hours),
                    stage_times.get("contacted"))]
    if outside_pipeline and "surveyed" in stage_times:
        out.append(Deadline("plan", f"{limits.plan_limit_workdays}个工作日内告知接入方案",
                            add_working_days(stage_times["surveyed"], limits.plan_limit_workdays),
                            stage_times.get("plan_delivered")))
    return out

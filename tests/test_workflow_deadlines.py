import datetime as dt

import pytest

from georouter.workflow.deadlines import LOCAL_TZ, Limits, add_working_days, deadlines, is_working_day


@pytest.mark.parametrize("day, working", [
    # 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号)
    ("2026-01-04", True),    # Sunday worked for New Year
    ("2026-02-14", True),    # Saturday worked for Spring Festival
    ("2026-02-23", False),   # Spring Festival holiday (Monday)
    ("2026-02-24", True),
    ("2026-09-20", True),    # Sunday worked for National Day
    ("2026-10-01", False),
    ("2026-10-07", False),
    ("2026-10-10", True),    # Saturday worked for National Day
    ("2026-12-05", False),   # an ordinary Saturday
    ("2026-12-07", True),    # an ordinary Monday
])
def test_chinese_working_days(day, working):
    assert is_working_day(dt.date.fromisoformat(day)) is working


@pytest.mark.parametrize("start, days, due", [
    ("2026-09-30T10:00", 3, "2026-10-10T10:00"),   # across the National Day holiday, into an adjusted Saturday
    ("2026-12-04T16:30", 3, "2026-12-09T16:30"),   # Friday + 3 working days skips the weekend
    ("2026-12-30T09:00", 3, "2027-01-05T09:00"),   # across the year end and New Year's Day 2027
])
def test_add_working_days(start, days, due):
    begin = dt.datetime.fromisoformat(start).replace(tzinfo=LOCAL_TZ)
    assert add_working_days(begin, days).astimezone(LOCAL_TZ).replace(tzinfo=None) == dt.datetime.fromisoformat(due)


def test_deadlines_apply_the_limits():
    intake = dt.datetime(2026, 12, 4, 9, 0, tzinfo=LOCAL_TZ)
    times = {"intake": intake, "contacted": intake + dt.timedelta(minutes=50),
             "surveyed": dt.datetime(2026, 12, 4, 15, 0, tzinfo=LOCAL_TZ)}
    contact, plan = deadlines(times, True, Limits())
    assert contact.met() is True
    assert plan.due_at.astimezone(LOCAL_TZ) == dt.datetime(2026, 12, 9, 15, 0, tzinfo=LOCAL_TZ)
    assert plan.met() is None and not plan.overdue(dt.datetime(2026, 12, 9, 7, 0, tzinfo=dt.timezone.utc))
    assert plan.overdue(dt.datetime(2026, 12, 9, 8, 0, tzinfo=dt.timezone.utc))
    assert len(deadlines(times, False, Limits())) == 1          # no outside pipeline, no plan limit
    late = deadlines({"intake": intake}, False, Limits(contact_limit_hours=2))[0]
    assert late.due_at == intake + dt.timedelta(hours=2)

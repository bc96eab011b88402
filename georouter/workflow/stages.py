"""The stages of one connection request and the events that move it, as a pure state machine.

intake → contacted → surveyed → plan_delivered → contract_signed → paid → construction → gas_on →
rated → closed. A bad rating (差) opens verifying (核实) → rectifying (整改) → feedback (反馈) before
closing. ``cancel`` works from any open stage (with a reason); ``reassign`` changes the manager
without changing the stage. Anything else is refused with :class:`Conflict`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Conflict, InvalidInput

STAGES = ("intake", "contacted", "surveyed", "plan_delivered", "contract_signed", "paid", "construction",
          "gas_on", "rated", "verifying", "rectifying", "feedback", "closed", "cancelled")
FINAL = ("closed", "cancelled")
STAGE_LABELS = {"intake": "受理", "contacted": "已联系", "surveyed": "已勘察", "plan_delivered": "方案已告知",
                "contract_signed": "已签约", "paid": "已缴费", "construction": "施工中", "gas_on": "已通气",
                "rated": "已评价", "verifying": "差评核实", "rectifying": "督促整改", "feedback": "整改反馈",
                "closed": "已办结", "cancelled": "已取消"}
RATINGS = ("good", "bad")

#: event → (stages it may start from, stage it leads to, data fields it requires)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str, tuple[str, ...]]] = {
    "contact": (("intake",), "contacted", ("appointment_at",)),
    "survey": (("contacted",), "surveyed", ()),
    "deliver_plan": (("surveyed",), "plan_delivered", ()),
    "sign_contract": (("plan_delivered",), "contract_signed", ()),
    "pay": (("contract_signed",), "paid", ("invoice",)),
    "start_construction": (("paid",), "construction", ()),
    "gas_on": (("construction",), "gas_on", ()),
    "rate": (("gas_on",), "rated", ("rating",)),
    "verify": (("rated",), "verifying", ()),
    "rectify": (("verifying",), "rectifying", ()),
    "feedback": (("rectifying",), "feedback", ()),
    "close": (("rated", "feedback"), "closed", ()),
}
OPEN_STAGES = tuple(s for s in STAGES if s not in FINAL)
SIDE_EVENTS = ("cancel", "reassign")
EVENTS = tuple(TRANSITIONS) + SIDE_EVENTS


@dataclass(frozen=True)
class Step:
    """The outcome of applying one event: the new stage and what to record."""

    event: str
    from_stage: str
    to_stage: str
    data: dict


def apply_event(stage: str, event: str, data: dict, *, rating: str | None = None) -> Step:
    """Validate ``event`` from ``stage``; returns the :class:`Step` or raises.

    ``rating`` is the request's current rating (a good one may close from ``rated``; a bad one must
    go through verifying → rectifying → feedback first).
    """
    data = dict(data or {})
    if event not in EVENTS:
        raise InvalidInput(f"unknown event {event!r}; one of {', '.join(EVENTS)}", details={"field": "event"})
    if stage in FINAL:
        raise Conflict(f"request is {stage} ({STAGE_LABELS[stage]}): no further events", details={"stage": stage})
    if event in SIDE_EVENTS:
        needed = ("reason", "manager_id") if event == "reassign" else ("reason",)
        _require(event, data, needed)
        return Step(event, stage, "cancelled" if event == "cancel" else stage, data)
    sources, target, needed = TRANSITIONS[event]
    if stage not in sources:
        raise Conflict(f"cannot {event} from stage {stage} ({STAGE_LABELS[stage]}); allowed from "
                       f"{', '.join(sources)}", details={"stage": stage, "event": event})
    _require(event, data, needed)
    if event == "rate" and data["rating"] not in RATINGS:
        raise InvalidInput("rating must be 'good' (好) or 'bad' (差)", details={"field": "rating"})
    if event == "pay" and data["invoice"] not in ("electronic", "paper"):
        raise InvalidInput("invoice must be 'electronic' or 'paper'", details={"field": "invoice"})
    if event == "close" and stage == "rated" and rating == "bad":
        raise Conflict("a bad rating must be verified, rectified and fed back before closing",
                       details={"stage": stage, "event": event})
    if event == "verify" and rating != "bad":
        raise Conflict("only a bad rating opens verification", details={"stage": stage, "event": event})
    return Step(event, stage, target, data)


def _require(event: str, data: dict, fields: tuple[str, ...]) -> None:
    missing = [f for f in fields if not data.get(f)]
    if missing:
        raise InvalidInput(f"event {event!r} needs {', '.join(missing)}", details={"field": missing[0]})

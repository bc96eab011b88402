import pytest

from georouter.errors import Conflict, InvalidInput
from georouter.workflow.stages import FINAL, OPEN_STAGES, apply_event

HAPPY = [("contact", {"appointment_at": "2026-12-05T10:00"}, "contacted"), ("survey", {}, "surveyed"),
         ("deliver_plan", {}, "plan_delivered"), ("sign_contract", {}, "contract_signed"),
         ("pay", {"invoice": "electronic"}, "paid"), ("start_construction", {}, "construction"),
         ("gas_on", {}, "gas_on"), ("rate", {"rating": "good"}, "rated"), ("close", {}, "closed")]


def test_happy_path_follows_the_seed():
    stage = "intake"
    for event, data, expected in HAPPY:
        stage = apply_event(stage, event, data, rating="good" if event == "close" else None).to_stage
        assert stage == expected


def test_bad_rating_goes_through_verification_before_closing():
    with pytest.raises(Conflict, match="verified"):
        apply_event("rated", "close", {}, rating="bad")
    stage = "rated"
    for event in ("verify", "rectify", "feedback", "close"):
        stage = apply_event(stage, event, {}, rating="bad").to_stage
    assert stage == "closed"


def test_good_rating_cannot_open_verification():
    with pytest.raises(Conflict):
        apply_event("rated", "verify", {}, rating="good")


@pytest.mark.parametrize("stage, event", [
    ("intake", "survey"), ("intake", "pay"), ("contacted", "gas_on"), ("gas_on", "close"), ("paid", "rate"),
])
def test_illegal_transitions_are_refused(stage, event):
    with pytest.raises(Conflict, match="cannot"):
        apply_event(stage, event, {"rating": "good", "invoice": "paper", "appointment_at": "x"})


@pytest.mark.parametrize("stage", OPEN_STAGES)
def test_cancel_from_any_open_stage_needs_a_reason(stage):
    with pytest.raises(InvalidInput, match="reason"):
        apply_event(stage, "cancel", {})
    assert apply_event(stage, "cancel", {"reason": "用户取消"}).to_stage == "cancelled"


@pytest.mark.parametrize("stage", FINAL)
def test_nothing_happens_after_the_end(stage):
    with pytest.raises(Conflict):
        apply_event(stage, "cancel", {"reason": "x"})


def test_reassign_keeps_the_stage_and_needs_reason_and_manager():
    with pytest.raises(InvalidInput):
        apply_event("surveyed", "reassign", {"reason": "休假"})
    assert apply_event("surveyed", "reassign", {"reason": "休假", "manager_id": "M02"}).to_stage == "surveyed"


@pytest.mark.parametrize("event, data", [
    ("contact", {}), ("rate", {"rating": "ok"}), ("pay", {"invoice": "cash"}), ("fly", {}),
])
def test_missing_or_wrong_data_is_invalid(event, data):
    stage = {"contact": "intake", "rate": "gas_on", "pay": "contract_signed", "fly": "intake"}[event]
    with pytest.raises(InvalidInput):
        apply_event(stage, event, data)

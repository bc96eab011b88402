"""The workflow's operations, joining the router (who serves the address) and the request store."""

from __future__ import annotations

import datetime as dt
import logging
import re

from ..errors import InvalidInput, NotFound
from ..masking import mask_address, mask_phone
from .store import RequestStore, WorkRequest

log = logging.getLogger(__name__)
PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Workflow:
    """Intake, events, ratings and reports over one store, assigning managers with ``router_source()``."""

    def __init__(self, store: RequestStore, router_source):
        self.store = store
        self._router = router_source

    def intake(self, *, address: str, phone: str, outside_pipeline: bool = False, actor: str = "api",
               now: dt.datetime | None = None) -> tuple[WorkRequest, dict]:
        """Record a request from an address and a phone (零材料); returns it and the assignment answer."""
        if not isinstance(address, str) or not isinstance(phone, str):
            raise InvalidInput("address and phone must be strings", details={"field": "address/phone"})
        address = address.strip()
        phone = re.sub(r"\s", "", phone)
        if not address:
            raise InvalidInput("address is empty", details={"field": "address"})
        if not PHONE.match(phone):
            raise InvalidInput("phone must be a mainland mobile (11 digits) or landline number", details={"field": "phone"})
        router = self._router()
        answer = router.assign(address)
        request = self.store.create(
            address=address, phone=phone, manager_id=answer.manager.id if answer.manager else None,
            assignment_status=answer.status, territory_id=answer.territory.id if answer.territory else None,
            district=answer.territory.district if answer.territory else None, boundary_version=router.version,
            outside_pipeline=bool(outside_pipeline), actor=actor, now=now or now_utc())
        log.info("request %s intake address=%s phone=%s -> %s", request.id, mask_address(address), mask_phone(phone),
                 answer.status)
        return request, answer.to_dict()

    def event(self, request_id: str, event: str, data: dict, *, version: int, actor: str = "api",
              now: dt.datetime | None = None) -> WorkRequest:
        if event == "reassign":
            managers = self._router().boundaries.managers
            if (data or {}).get("manager_id") not in managers:
                raise InvalidInput(f"unknown manager {data.get('manager_id')!r}", details={"field": "manager_id"})
        request = self.store.apply(request_id, event, data or {}, expected_version=version, actor=actor,
                                   now=now or now_utc())
        log.info("request %s %s -> %s (v%d)", request_id, event, request.stage, request.version)
        return request

    def rate(self, request_id: str, rating: str, comment: str = "", *, manager_id: str | None = None,
             actor: str = "customer", now: dt.datetime | None = None) -> WorkRequest:
        """A customer's 好/差 rating; ``manager_id`` (from the QR page) must match the request's manager."""
        request = self.store.get(request_id)
        if manager_id is not None and request.manager_id != manager_id:
            raise NotFound(f"no request {request_id!r} for this manager", details={"id": request_id})
        return self.event(request_id, "rate", {"rating": rating, "comment": comment}, version=request.version,
                          actor=actor, now=now)

    def manager_name(self, manager_id: str | None) -> str | None:
        manager = self._router().boundaries.managers.get(manager_id) if manager_id else None
        return manager.name if manager else None

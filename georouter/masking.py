"""Masking of customer data for logs: phone numbers and addresses never reach INFO in full."""

from __future__ import annotations

import re

_PHONE = re.compile(r"(?<!\d)(1\d{2})\d{4}(\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3}-?)\d{3,4}(\d{4})(?!\d)")
KEEP_ADDRESS_CHARS = 6


def mask_phone(phone: str | None) -> str:
    """``19862252358`` → ``198****2358``; anything else keeps only its last 4 characters."""
    if not phone:
        return ""
    phone = str(phone)
    if _PHONE.fullmatch(phone):
        return _PHONE.sub(r"\1****\2", phone)
    return "*" * max(len(phone) - 4, 0) + phone[-4:]


def mask_address(address: str | None) -> str:
    """Keep the first few characters (district level), hide the rest: ``青岛市市北区***(16)``."""
    if not address:
        return ""
    address = str(address)
    if len(address) <= KEEP_ADDRESS_CHARS:
        return address[:2] + "***"
    return f"{address[:KEEP_ADDRESS_CHARS]}***({len(address)})"


def mask_text(text: str) -> str:
    """Mask every phone number inside free text."""
    return _LANDLINE.sub(r"\1****\2", _PHONE.sub(r"\1****\2", text))

"""Normalise free-text Chinese addresses before parsing.

Full-width → half-width (NFKC), white space and punctuation removed, Chinese numerals in house
numbers turned into Arabic ones (``八十二号`` → ``82号``; road ordinals such as ``延安二路`` stay).
"""

from __future__ import annotations

import re
import unicodedata

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMERAL = "零〇一二两三四五六七八九十百千"
_HOUSE_NUMBER = re.compile(f"([{_NUMERAL}]+)(?=号|栋|单元|室|层|楼)")
_DROP = re.compile(r"[\s,，。.、;；:：\"'“”‘’()（）\[\]【】<>《》\-—_/\\|#＃]+")


def chinese_numeral_to_int(text: str) -> int:
    """``"八十二"`` → 82, ``"一百零五"`` → 105, ``"二三"`` → 23 (digit by digit)."""
    if not any(ch in _UNITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        else:
            total += (current or 1) * _UNITS[ch]
            current = 0
    return total + current


def normalize_address(text: str) -> str:
    """The canonical form of an address for parsing (see the module docstring)."""
    text = unicodedata.normalize("NFKC", text)
    text = _DROP.sub("", text)
    return _HOUSE_NUMBER.sub(lambda m: str(chinese_numeral_to_int(m.group(1))), text)

"""Chinese numerals (十二, 三点五, 二〇二四, 两万三千) to Decimal."""

from __future__ import annotations

from decimal import Decimal

_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10**4, "亿": 10**8}


def cn_to_decimal(text: str) -> Decimal:
    """Convert a Chinese numeral; raises ValueError on any other character."""
    if "点" in text:
        whole, fraction = text.split("点", 1)
        digits = "".join(str(_DIGITS[c]) for c in fraction) if fraction else "0"
        return cn_to_decimal(whole or "零") + Decimal("0." + digits)
    if len(text) > 1 and all(c in _DIGITS for c in text):  # read digit by digit: 二〇二四
        return Decimal("".join(str(_DIGITS[c]) for c in text))
    total = section = digit = 0
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _UNITS:
            section += (digit or 1) * _UNITS[char]
            digit = 0
        elif char in _BIG:
            total += (section + digit) * _BIG[char]
            section = digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return Decimal(total + section + digit)

"""Normalise cell text for the value grammar, keeping a map back to the original text."""

from __future__ import annotations

from dataclasses import dataclass

# Operator look-alikes people type or paste instead of ≥ ≤ =.
_LOOK_ALIKES = {"≧": "≥", "≦": "≤", "⩾": "≥", "⩽": "≤", "═": "=", "〜": "~"}
# the small forms (U+FE62–FE66) of a page's typesetting: 丽江 writes ﹦100%
_LOOK_ALIKES |= {"﹦": "=", "﹥": ">", "﹤": "<", "﹢": "+", "﹣": "-"}
_ASCII_OPERATORS = {">=": "≥", "<=": "≤", "≥=": "≥", "≤=": "≤"}
_SPACES = "\u3000\u00a0\t\r\n"
# Full-width forms that are defects in a value; full-width Chinese punctuation (，（）：) is not.
_FLAGGED_WIDE = set("０１２３４５６７８９％＞＜＝～＋－．／＊＃") | {
    chr(c) for c in [*range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]
}


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus, for each of its characters, the span it came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    defects: frozenset[str]

    def origin(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back to the original text."""
        if start >= end:
            at = (
                self.starts[start]
                if start < len(self.starts)
                else (self.ends[-1] if self.ends else 0)
            )
            return at, at
        return self.starts[start], self.ends[end - 1]


def _fold(char: str) -> tuple[str, str | None]:
    """One character to its normalised form and the defect the change reveals."""
    if char in _LOOK_ALIKES:
        return _LOOK_ALIKES[char], "look-alike-character"
    code = ord(char)
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII block
        return chr(code - 0xFEE0), "full-width-character" if char in _FLAGGED_WIDE else None
    if char in _SPACES:
        return " ", None
    return char, None


def _is_plain(raw: str) -> bool:
    """Nothing to fold: the common case, answered without walking the characters twice."""
    return (
        ">=" not in raw
        and "<=" not in raw
        and not any(c in _LOOK_ALIKES or c in _SPACES or "\uff01" <= c <= "\uff5e" for c in raw)
    )


def normalize(raw: str) -> Normalized:
    """Fold full-width forms, look-alike and ASCII operators; keep an offset map."""
    if _is_plain(raw):
        size = len(raw)
        return Normalized(raw, tuple(range(size)), tuple(range(1, size + 1)), frozenset())
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    defects: set[str] = set()
    i = 0
    while i < len(raw):
        pair = raw[i : i + 2]
        folded_pair = "".join(_fold(c)[0] for c in pair)
        if folded_pair in _ASCII_OPERATORS:
            out.append(_ASCII_OPERATORS[folded_pair])
            starts.append(i)
            ends.append(i + 2)
            defects.add("ascii-operator")
            defects.update(d for d in (_fold(c)[1] for c in pair) if d)
            i += 2
            continue
        char, defect = _fold(raw[i])
        if defect:
            defects.add(defect)
        out.append(char)
        starts.append(i)
        ends.append(i + 1)
        i += 1
    return Normalized("".join(out), tuple(starts), tuple(ends), frozenset(defects))

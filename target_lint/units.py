"""Conversion between canonical units (docs/values.md, "Canonical units").

This is the only module that imports pint, and it imports it lazily: importing this module
does not load pint, and neither does a same-unit call (``convert(x, "平方米", "平方米")``,
``comparable("个", "个")``). The first real conversion imports pint and builds the registry
from ``grammar/units.txt``, once per process.

Units are canonical strings: a name from the table in docs/values.md (``"%"``, ``"平方米"``,
``"个"``) or ``"A/B"`` of two such names (``"次/年"``, ``"元/平方米"``). Nothing else is read:
no multipliers (``"万元"`` is magnitude × 10000 with unit ``"元"``), no spellings (``"km2"``,
``"m²"``), no pint syntax (``"个*人"``). An unknown unit is a :class:`UnitMismatch`, never a
guess, because pint's own parser guesses silently (``"km 2"`` is read as km × 2).

Precision. The registry holds exact rational factors (``Fraction``): 月 is exactly 1/12 年 and
亩 exactly 2000/3 平方米. ``convert`` returns an exact ``Decimal`` whenever the result is a
terminating decimal (``6 小时`` → ``0.25 天``, ``3 月`` → ``1 季度``, ``15 亩`` → ``1 公顷``);
otherwise (``4 次/年`` → 1/3 ``次/月``) it is rounded half-even to :data:`PRECISION`
significant digits, whatever the caller's decimal context is. ``compare`` never rounds.
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction
from typing import TYPE_CHECKING

from target_lint.resources import data_path

if TYPE_CHECKING:
    import pint

__all__ = ["PRECISION", "UnitMismatch", "comparable", "compare", "convert", "known"]

#: Significant digits of a converted value that is not a terminating decimal (Python's default).
PRECISION = 28

# Canonical units that are not Python identifiers, so pint cannot define them by name.
_PINT_NAMES = {"%": "percent", "‰": "permille"}
# ...and the pint-side names, which are not canonical units themselves.
_INTERNAL_NAMES = frozenset(_PINT_NAMES.values())


class UnitMismatch(ValueError):
    """Two units that cannot be converted: different dimensions, or a unit that is not known."""

    def __init__(self, unit: str, target: str, reason: str) -> None:
        super().__init__(f"cannot convert {unit!r} to {target!r}: {reason}")
        self.unit = unit
        self.target = target
        self.reason = reason


def convert(magnitude: Decimal, unit: str, target: str) -> Decimal:
    """Return ``magnitude`` (in ``unit``) expressed in ``target``.

    >>> convert(Decimal("1100"), "平方公里", "平方米")
    Decimal('1100000000')

    The same unit returns ``magnitude`` itself, unchecked and without importing pint. Raises
    :class:`UnitMismatch` for different dimensions or an unknown unit, and ``ValueError`` for a
    magnitude that is not finite.
    """
    if unit == target:
        return magnitude
    factor = _factor(unit, target)
    if isinstance(factor, str):
        raise UnitMismatch(unit, target, factor)
    return _to_decimal(_exact(magnitude) * factor)


def comparable(unit_a: str, unit_b: str) -> bool:
    """Whether a value in ``unit_a`` can be converted to ``unit_b`` (same unit: without pint)."""
    return unit_a == unit_b or not isinstance(_factor(unit_a, unit_b), str)


def compare(a: Decimal, unit_a: str, b: Decimal, unit_b: str) -> int | None:
    """Compare ``a unit_a`` with ``b unit_b``: -1, 0 or 1, or ``None`` if not comparable.

    The comparison is exact (rational), so ``compare(1, "公顷", 15, "亩") == 0``.
    """
    if unit_a == unit_b:
        return (a > b) - (a < b)
    factor = _factor(unit_b, unit_a)
    if isinstance(factor, str):
        return None
    left, right = _exact(a), _exact(b) * factor
    return (left > right) - (left < right)


def known(unit: str) -> bool:
    """Whether pint knows ``unit`` as a canonical unit or ``A/B`` of two. Always imports pint."""
    return _units(unit) is not None


# --- internals ---------------------------------------------------------------------------------


@functools.cache
def _registry() -> pint.UnitRegistry[Fraction]:
    """The unit registry, built once per process from grammar/units.txt.

    Factors are ``Fraction`` (exact), not ``Decimal``: with Decimal, 月 = 年/12 is rounded when
    the file loads and ``3 月`` came out as ``0.9999999999999999999999999999 季度``. No pint
    disk cache (``cache_folder``): it saved about 11 ms of a 220 ms first conversion (pint's
    import is most of it), not worth a pickle in the user's cache dir that parallel runs race on.
    """
    import pint

    ureg: pint.UnitRegistry[Fraction] = pint.UnitRegistry(
        None, non_int_type=Fraction, on_redefinition="raise"
    )
    ureg.load_definitions(data_path("grammar", "units.txt"))
    return ureg


@functools.lru_cache(maxsize=1024)
def _units(unit: str) -> pint.Unit | None:
    """The pint unit of a canonical ``unit``, or None if it is not one."""
    parts = unit.split("/")
    if len(parts) > 2:
        return None
    ureg = _registry()
    result: pint.Unit | None = None
    for part in parts:
        if part in _INTERNAL_NAMES:
            return None
        name = _PINT_NAMES.get(part, part)
        # Exactly one reading, with no prefix and no plural suffix ("lxs" would be lx).
        if ureg.parse_unit_name(name) != (("", name, ""),):
            return None
        single = ureg.Unit(name)
        result = single if result is None else result / single
    return result


@functools.lru_cache(maxsize=4096)
def _factor(unit: str, target: str) -> Fraction | str:
    """The exact factor from ``unit`` to ``target``, or why there is none."""
    src = _units(unit)
    if src is None:
        return f"unknown unit {unit!r}"
    dst = _units(target)
    if dst is None:
        return f"unknown unit {target!r}"
    import pint

    try:
        return Fraction(_registry().convert(Fraction(1), src, dst))
    except pint.DimensionalityError:
        return f"{_dimension(src)} is not {_dimension(dst)}"


def _dimension(unit: pint.Unit) -> str:
    """``unit``'s dimension as text. Not pint's formatter: it fails on Fraction exponents."""
    terms = []
    for name, exponent in sorted(unit.dimensionality.items()):
        terms.append(name if exponent == 1 else f"{name}**{exponent}")
    return " * ".join(terms) or "dimensionless"


def _exact(magnitude: Decimal) -> Fraction:
    if not magnitude.is_finite():
        raise ValueError(f"cannot convert a magnitude that is not finite: {magnitude}")
    return Fraction(magnitude)


def _to_decimal(value: Fraction) -> Decimal:
    """``value`` as a Decimal: exact if it terminates, else rounded to PRECISION digits."""
    numerator, denominator = value.numerator, value.denominator
    if denominator == 1:
        return Decimal(numerator)
    rest, twos, fives = denominator, 0, 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest == 1:
        # denominator divides 10**k: scale up to an integer and shift the point back (exact).
        k = max(twos, fives)
        return Decimal(f"{numerator * 10**k // denominator}E-{k}")
    with localcontext() as ctx:
        ctx.prec = PRECISION
        ctx.rounding = ROUND_HALF_EVEN
        return Decimal(numerator) / Decimal(denominator)

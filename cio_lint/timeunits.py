"""Arithmetic on time units, shared by the front-ends.

An epoch count scaled by a power of ten changes unit: seconds × 1000 are
milliseconds. An offset added to a time keeps its unit, and the difference of
two times is a duration, not a time.
"""

from __future__ import annotations

import math

from cio_lint.model import TimeUnit, Value, ValueKind

SECONDS_PER_DAY = 86_400
_DAYS_PER_ERA = 146_097  # days in 400 proleptic Gregorian years
_DAYS_FROM_ERA_START_TO_EPOCH = 719_468  # 0000-03-01 to 1970-01-01

_LITERAL_RANGES = (
    (10**11, 10**14, TimeUnit.MILLISECONDS),
    (10**14, 10**17, TimeUnit.MICROSECONDS),
    (10**17, 10**20, TimeUnit.NANOSECONDS),
)


def power_of_ten(number: float) -> int | None:
    """Return k when `number` is 10**k for 1 <= k <= 9, else None."""
    if number <= 0 or isinstance(number, bool):
        return None
    exponent = round(math.log10(number))
    if 1 <= exponent <= 9 and number == 10**exponent:
        return exponent
    return None


def scale(unit: TimeUnit, exponent: int) -> TimeUnit | None:
    """Return the unit of `unit × 10**exponent`, or None when it is no unit."""
    if unit is TimeUnit.MONOTONIC:
        return TimeUnit.MONOTONIC
    current = unit.epoch_exponent
    if current is None:
        return None
    return TimeUnit.from_epoch_exponent(current + exponent)


def scale_by_literal(unit: TimeUnit, factor: Value, sign: int) -> TimeUnit | None:
    """Return the unit of `unit` multiplied (`sign` 1) or divided (-1) by `factor`.

    Only a number literal that is a power of ten changes the unit; any other
    factor gives no unit.
    """
    literal = factor.literal
    if factor.kind is not ValueKind.NUMBER or not isinstance(literal, (int, float)):
        return None
    exponent = power_of_ten(literal)
    if exponent is None:
        return None
    return scale(unit, sign * exponent)


def unit_of_literal(number: float) -> TimeUnit | None:
    """Classify an integer literal too large to be Unix seconds by its magnitude.

    13 digits are milliseconds (1973–2286), 16 microseconds, 19 nanoseconds.
    """
    for low, high, unit in _LITERAL_RANGES:
        if low <= number < high:
            return unit
    return None


def year_of_seconds(seconds: float) -> int:
    """Return the proleptic Gregorian year that `seconds` after the epoch falls in.

    `datetime` stops at year 9999, so this uses Howard Hinnant's days-to-civil
    algorithm, which has no such limit.
    """
    days = int(seconds // SECONDS_PER_DAY) + _DAYS_FROM_ERA_START_TO_EPOCH
    era = days // _DAYS_PER_ERA
    day_of_era = days - era * _DAYS_PER_ERA
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096
    ) // 365
    day_of_year = day_of_era - (
        365 * year_of_era + year_of_era // 4 - year_of_era // 100
    )
    month_index = (5 * day_of_year + 2) // 153  # 0 is March
    year = year_of_era + era * 400
    return year + 1 if month_index >= 10 else year

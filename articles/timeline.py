"""Mentions per month as the geometry of a server-rendered SVG bar chart; no Django here.

The page draws what `timeline()` returns: every month from the first mention to the last
(months without one included, so gaps show), bars scaled to the busiest month.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from math import ceil

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Year labels closer than this many user units would overlap; every n-th year is labelled.
MIN_TICK_SPACING = 56


def month_name(month: date) -> str:
    """`date(2026, 3, 1)` as “March 2026”."""
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


@dataclass(frozen=True)
class Bar:
    month: date
    count: int
    x: float
    y: float
    width: float
    height: float

    @property
    def label(self) -> str:
        return f"{month_name(self.month)}: {self.count}"


@dataclass(frozen=True)
class MonthRow:
    """A row of the chart's table: the month as `2026-03` and as “March 2026”, its count.

    Written here rather than with the `date` filter: a busy entity's table has hundreds of
    rows, and the filter made them a quarter of the page's time."""

    month: date
    count: int

    @property
    def iso(self) -> str:
        return f"{self.month.year:04d}-{self.month.month:02d}"

    @property
    def label(self) -> str:
        return month_name(self.month)


@dataclass(frozen=True)
class Tick:
    """A year label under the bars, at the slot of its first month shown."""

    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    months: list[tuple[date, int]]  # every month in the range, with its count (maybe 0)
    bars: list[Bar]  # months with at least one mention
    ticks: list[Tick]
    width: int
    height: int
    plot_left: float
    plot_top: float
    plot_bottom: float
    peak: int

    @property
    def total(self) -> int:
        return sum(count for _, count in self.months)

    @property
    def counted_months(self) -> list[tuple[date, int]]:
        """Months with at least one mention, oldest first: the rows of the table."""
        return [(month, count) for month, count in self.months if count]

    @property
    def table_rows(self) -> list[MonthRow]:
        return [MonthRow(month, count) for month, count in self.counted_months]

    @property
    def summary(self) -> str:
        """One sentence with what the chart shows, for its accessible name."""
        first, last = self.months[0][0], self.months[-1][0]
        busiest = max(self.months, key=lambda row: row[1])[0]
        total = self.total
        span = (
            f"in {month_name(first)}"
            if first == last
            else f"from {month_name(first)} to {month_name(last)}"
        )
        return (
            f"{total} mention{'s' if total != 1 else ''} {span}; "
            f"the most, {self.peak}, in {month_name(busiest)}."
        )


def month_start(value: date) -> date:
    return date(value.year, value.month, 1)


def months_between(first: date, last: date) -> list[date]:
    """The first day of every month from `first`'s to `last`'s, inclusive."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def fill_months(counts: Iterable[tuple[date, int]]) -> list[tuple[date, int]]:
    """Counts per month for every month between the first and last given, zeros included."""
    by_month: dict[date, int] = {}
    for month, count in counts:
        key = month_start(month)
        by_month[key] = by_month.get(key, 0) + count
    by_month = {month: count for month, count in by_month.items() if count}
    if not by_month:
        return []
    return [
        (month, by_month.get(month, 0)) for month in months_between(min(by_month), max(by_month))
    ]


def timeline(
    counts: Iterable[tuple[date, int]], *, width: int = 640, height: int = 180
) -> Timeline | None:
    """The bar chart of these (month, count) rows, or None when there is nothing to draw."""
    months = fill_months(counts)
    if not months:
        return None
    plot_left, plot_right, plot_top, plot_bottom = 36.0, width - 4.0, 14.0, height - 26.0
    slot = (plot_right - plot_left) / len(months)
    gap = min(slot * 0.2, 4.0) if slot > 2 else 0.0
    peak = max(count for _, count in months)
    bars = []
    for index, (month, count) in enumerate(months):
        if not count:
            continue
        bar_height = (plot_bottom - plot_top) * count / peak
        bars.append(
            Bar(
                month=month,
                count=count,
                x=round(plot_left + index * slot + gap / 2, 2),
                y=round(plot_bottom - bar_height, 2),
                width=round(slot - gap, 2),
                height=round(bar_height, 2),
            )
        )
    return Timeline(
        months=months,
        bars=bars,
        ticks=_year_ticks(months, plot_left, slot),
        width=width,
        height=height,
        plot_left=plot_left,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        peak=peak,
    )


def _year_ticks(months: list[tuple[date, int]], plot_left: float, slot: float) -> list[Tick]:
    starts = [
        (index, month.year)
        for index, (month, _) in enumerate(months)
        if index == 0 or month.month == 1
    ]
    # A year's label needs about MIN_TICK_SPACING units; skip years to make room.
    step = max(1, ceil(MIN_TICK_SPACING / (slot * 12)))
    first_year = starts[0][1]
    ticks = [
        Tick(x=round(plot_left + index * slot, 2), label=str(year))
        for index, year in starts
        if (year - first_year) % step == 0
    ]
    # A partial first year squeezed against the next label: keep the full year's label.
    if len(ticks) > 1 and ticks[1].x - ticks[0].x < MIN_TICK_SPACING:
        ticks.pop(0)
    return ticks

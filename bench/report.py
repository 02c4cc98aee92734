"""The figures of one database's run, and the table `make bench` prints."""

from dataclasses import dataclass, field

RATIO_GOAL = 1.5  # the import may take at most 1.5 times the baseline's (issue 13)
MEMORY_GOAL_MB = 300.0  # and its peak memory stays under this


@dataclass
class Result:
    """What one database measured; a figure is None when its step did not run."""

    database: str
    editorials: int
    import_seconds: float | None = None
    baseline_seconds: float | None = None
    index_seconds: float | None = None  # the baseline's one index build, of its seconds
    reimport_seconds: float | None = None
    peak_mb: float | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.import_seconds is None or not self.baseline_seconds:
            return None
        return self.import_seconds / self.baseline_seconds

    def rate(self, seconds: float | None) -> float | None:
        return self.editorials / seconds if seconds else None


def _verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("PASS" if ok else "MISS")


def _number(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def row(result: Result) -> list[str]:
    """The table cells of one result."""
    ratio, peak = result.ratio, result.peak_mb
    return [
        result.database,
        f"{result.editorials:,}",
        _number(result.rate(result.import_seconds), 0),
        _number(result.rate(result.baseline_seconds), 0),
        _number(ratio, 2),
        _verdict(None if ratio is None else ratio <= RATIO_GOAL),
        _number(result.import_seconds, 2),
        _number(result.baseline_seconds, 2),
        _number(result.index_seconds, 2),
        _number(result.reimport_seconds, 2),
        _number(peak, 0),
        _verdict(None if peak is None else peak < MEMORY_GOAL_MB),
    ]


HEADER = [
    "database",
    "editorials",
    "import/s",
    "baseline/s",
    "ratio",
    f"≤{RATIO_GOAL:g}x",
    "import s",
    "baseline s",
    "of it index s",
    "re-import s",
    "peak MB",
    f"<{MEMORY_GOAL_MB:g}MB",
]


def table(results: list[Result]) -> str:
    """One aligned plain-text table, then any problems noticed on the way."""
    rows = [HEADER, *(row(result) for result in results)]
    widths = [max(len(cells[i]) for cells in rows) for i in range(len(HEADER))]

    def line(cells: list[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join([first, *rest])

    lines = [line(HEADER), "  ".join("-" * width for width in widths)]
    lines += [line(cells) for cells in rows[1:]]
    lines += [f"{result.database}: {problem}" for result in results for problem in result.problems]
    return "\n".join(lines)

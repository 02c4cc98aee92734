"""The outcome of an import batch as a CSV report, one row per file, streamed.

Names and reasons are shown as on the pages (hidden characters escaped), and no cell can run
as a spreadsheet formula: one starting with `=`, `+`, `-`, `@`, a tab or a carriage return
gets a leading single quote (OWASP's advice on CSV injection).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.urls import reverse

from articles.sources import name_shown
from imports.models import ImportBatch

COLUMNS = ["position", "file", "outcome", "reason", "line", "title", "article"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value: str) -> str:
        return value


def inert(value: str | int) -> str | int:
    """A cell a spreadsheet shows as text, never evaluates."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def report_rows(*, batch: ImportBatch, base_url: str = "") -> Iterator[str]:
    """CSV lines (with header) for every file of the batch, in upload order."""
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMNS)
    for file in batch.files.order_by("position").iterator(chunk_size=1000):
        article = (
            base_url + reverse("articles:detail", kwargs={"slug": file.slug}) if file.slug else ""
        )
        cells = [
            file.position,
            name_shown(file.name),
            file.get_fate_display(),
            name_shown(file.reason),
            file.line or "",
            file.title,
            article,
        ]
        yield writer.writerow([inert(cell) for cell in cells])

"""The outcome of an import batch as a CSV report, one row per file, streamed."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.urls import reverse

from imports.models import ImportBatch

COLUMNS = ["position", "file", "outcome", "reason", "line", "title", "article"]


class _Echo:
    def write(self, value: str) -> str:
        return value


def report_rows(*, batch: ImportBatch, base_url: str = "") -> Iterator[str]:
    """CSV lines (with header) for every file of the batch, in upload order."""
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMNS)
    for file in batch.files.order_by("position").iterator(chunk_size=1000):
        article = (
            base_url + reverse("articles:detail", kwargs={"slug": file.slug}) if file.slug else ""
        )
        yield writer.writerow(
            [
                file.position,
                file.name,
                file.get_fate_display(),
                file.reason,
                file.line or "",
                file.title,
                article,
            ]
        )

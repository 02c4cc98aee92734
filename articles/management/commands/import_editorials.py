"""`manage.py import_editorials PATH [PATH ...] [--dry-run]`: bulk-import editorial files.

Names and reasons are printed with control and bidi characters escaped (`\\u202e`), as the
admin pages show them, so that a file name cannot rewrite the terminal or hide its suffix.
"""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.importing import editorials_import
from articles.sources import SourceLimits, name_shown, opened_sources


class Command(BaseCommand):
    help = (
        "Import editorials from .txt files, folders (every *.txt inside, recursively) and .zip "
        "archives. Prints one line per refused file, then a summary; exits 1 if any was refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="file, folder or .zip")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read, check and compare everything, then write nothing.",
        )

    def handle(self, *paths, **options):
        limits = SourceLimits(
            max_file_bytes=settings.EDITORIAL_MAX_FILE_BYTES,
            max_archive_bytes=settings.EDITORIAL_MAX_ARCHIVE_BYTES,
        )
        with (
            opened_sources(options["paths"], limits=limits) as sources,
            tqdm(
                total=len(sources),
                unit="file",
                disable=not sys.stderr.isatty(),
                file=sys.stderr,
            ) as progress,
        ):
            report = editorials_import(
                sources=sources,
                dry_run=options["dry_run"],
                on_file_done=lambda outcome: progress.update(1),
            )
        for failure in report.failures:
            self.stdout.write(f"{name_shown(failure.name)}: {name_shown(failure.reason)}")
        if options["dry_run"]:
            self.stdout.write("dry run: nothing was written")
        self.stdout.write(report.summary())
        if report.failures:
            raise CommandError(f"{len(report.failures)} file(s) refused", returncode=1)

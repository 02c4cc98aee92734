"""`manage.py sweep_uploads`: delete held admin uploads that have expired, for a cron job."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from imports.uploads import uploads_sweep


class Command(BaseCommand):
    help = (
        "Delete the uploads held for the admin import (in the `imports` storage) that were not "
        "confirmed within IMPORT_UPLOAD_TTL_SECONDS, and those of interrupted or failed "
        "batches kept for a resume longer than IMPORT_RESUME_TTL_SECONDS; each can be up to "
        "200 MB. A task sweeps at each upload's expiry, and every upload, preview and confirm "
        "sweeps too; run this from cron or a systemd timer as well if no worker runs. An "
        "upload whose import is queued or running is kept. Prints one line per upload "
        "removed, then a count."
    )

    def handle(self, *args, **options):
        swept = uploads_sweep()
        for upload in swept:
            self.stdout.write(
                f"removed {upload.token} (untouched since {upload.touched_at:%Y-%m-%d %H:%M} UTC, "
                f"{filesizeformat(upload.size)})"
            )
        ttl = settings.IMPORT_UPLOAD_TTL_SECONDS
        self.stdout.write(
            f"removed {len(swept)} expired upload{'s' if len(swept) != 1 else ''} "
            f"(unconfirmed for {ttl:,} seconds)"
        )

"""`manage.py sweep_uploads`: delete held admin uploads that have expired, for a cron job."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from imports.uploads import upload_root, uploads_sweep


class Command(BaseCommand):
    help = (
        "Delete the uploads held for the admin import preview (in IMPORT_UPLOAD_DIR) that were "
        "not touched for IMPORT_UPLOAD_TTL_SECONDS; each can be up to 200 MB. Expired uploads "
        "are also swept on every upload, preview and confirm; run this from cron or a systemd "
        "timer (say every 15 minutes) so that they go even when nobody imports. An upload whose "
        "import is still running is kept. Prints one line per upload removed, then a count."
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
            f"(older than {ttl:,} seconds) from {upload_root()}"
        )

"""Import batches run from the admin: who ran them, when, and what became of each file."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from articles.sources import name_shown


class Status(models.TextChoices):
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Stopped by an error"
    UNDONE = "undone", "Undone"
    PARTLY_UNDONE = "partly_undone", "Partly undone"


class FileFate(models.TextChoices):
    PENDING = "pending", "Waiting"
    IMPORTED = "imported", "New"
    UPDATED = "updated", "Updated"
    UNCHANGED = "unchanged", "Unchanged"
    FAILED = "failed", "Refused"


class ImportBatch(models.Model):
    """One confirmed import: the files of one upload, imported together."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="import_batches",
        help_text="The staff member who confirmed the import.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RUNNING)
    total = models.PositiveIntegerField(default=0, help_text="Files in the batch.")
    done = models.PositiveIntegerField(default=0, help_text="Files handled so far.")
    progressed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the running import last recorded progress."
    )
    error = models.TextField(blank=True, help_text="Why the batch stopped, if it did.")
    uploaded_names = models.JSONField(
        default=list, blank=True, help_text="The files as uploaded (.txt and .zip)."
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    undo_notes = models.JSONField(
        default=list, blank=True, help_text="What undo left in place, and why."
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "import batch"
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"Import #{self.pk} of {self.total} files"

    def get_absolute_url(self) -> str:
        return reverse("admin:imports_importbatch_result", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status != Status.RUNNING

    @property
    def stalled(self) -> bool:
        """Running, but silent for longer than an import batch can take: the worker is gone."""
        last = self.progressed_at or self.created_at
        return (
            self.status == Status.RUNNING
            and (timezone.now() - last).total_seconds() > settings.IMPORT_STALLED_SECONDS
        )

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 100


class ImportFile(models.Model):
    """One editorial file of a batch, its outcome, and what undo needs to restore."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveIntegerField()
    # A text field: a zip member's path may run to thousands of characters, all of them kept.
    name = models.TextField(help_text="The file, or archive:member, as uploaded.")
    fate = models.CharField(max_length=20, choices=FileFate.choices, default=FileFate.PENDING)
    reason = models.TextField(blank=True, help_text="Why the file was refused.")
    line = models.PositiveIntegerField(null=True, blank=True)
    title = models.CharField(max_length=500, blank=True)
    slug = models.CharField(max_length=120, blank=True)
    import_key = models.CharField(max_length=200, blank=True)
    content_hash = models.CharField(
        max_length=64, blank=True, help_text="Fingerprint of the version this file wrote."
    )
    previous = models.JSONField(
        null=True,
        blank=True,
        help_text="The article as it was before this file updated it (fields and paragraphs).",
    )

    class Meta:
        ordering = ["batch", "position"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "position"], name="import_file_position")
        ]

    def __str__(self) -> str:
        return name_shown(self.name)

"""Import batches run from the admin: the uploads they read, who ran them, when, and what
became of each file."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from articles.sources import name_shown


class Status(models.TextChoices):
    QUEUED = "queued", "Waiting for a worker"
    RUNNING = "running", "Running"
    INTERRUPTED = "interrupted", "Interrupted"
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


# A batch in these states may be undone (what it committed) and, while its upload is held,
# resumed (what it did not reach).
RESUMABLE = (Status.INTERRUPTED, Status.FAILED)
UNDOABLE = (Status.DONE, Status.INTERRUPTED, Status.FAILED)


class Upload(models.Model):
    """Files held between the upload and the import, in the `imports` storage (a folder by
    default, S3-compatible by setting), with the preview's plan. Kept in the database, not in
    one server's memory or folder, so that any app server can preview, confirm or resume."""

    token = models.CharField(max_length=64, unique=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="held_uploads"
    )
    created_at = models.DateTimeField(default=timezone.now)
    touched_at = models.DateTimeField(
        default=timezone.now, help_text="Last upload, claim or import progress; swept by age."
    )
    files = models.JSONField(default=list, help_text="Each file's name, stored name and hash.")
    plan = models.JSONField(null=True, blank=True, help_text="What the preview showed.")
    claimed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When it was confirmed (once; a second confirm is refused).",
    )

    class Meta:
        verbose_name = "held upload"

    def __str__(self) -> str:
        return f"Upload {self.token[:8]}… of {len(self.files)} files"


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
    upload = models.ForeignKey(
        Upload,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="batches",
        help_text="The held files, kept until the batch is done so that it can be resumed.",
    )
    attempt = models.PositiveIntegerField(
        default=0, help_text="How many times a worker started this batch (resumes count)."
    )
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="When the worker running the batch last said so."
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
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
        """Nothing more will happen to it unless someone acts (resume or undo)."""
        return self.status not in (Status.QUEUED, Status.RUNNING)

    @property
    def resumable(self) -> bool:
        return self.status in RESUMABLE and self.upload_id is not None

    @property
    def undoable(self) -> bool:
        return self.status in UNDOABLE

    @property
    def waiting_long(self) -> bool:
        """Queued for longer than a worker takes to pick a task up: is a worker running?"""
        return (
            self.status == Status.QUEUED
            and (timezone.now() - self.created_at).total_seconds()
            > settings.IMPORT_INTERRUPTED_AFTER_SECONDS
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

"""A profile per account: what the public pages call it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower

from people.names import DISPLAY_NAME_MAX_CHARS, display_name_problem


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(
        max_length=DISPLAY_NAME_MAX_CHARS,
        blank=True,
        help_text="Shown on annotations and in their history instead of the login name. "
        "Empty: the first and last name, or “Editor” and the account number.",
    )

    class Meta:
        constraints = [
            # Two accounts may not go by one name (whatever the capitals).
            models.UniqueConstraint(
                Lower("display_name"),
                condition=~models.Q(display_name=""),
                name="profile_display_name_unique",
                violation_error_message="Another account goes by this name; choose another.",
            )
        ]

    def __str__(self) -> str:
        return self.display_name or f"Profile of account {self.user_id}"

    def clean(self):
        # The admin's inline saves through here; the site's form through profile_update.
        self.display_name = " ".join(self.display_name.split())
        problem = display_name_problem(self.display_name, user_pk=self.user_id)
        if problem:
            raise ValidationError({"display_name": problem})


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        """Tokens that sign a program in: not revoked, of an account that is still active."""
        return self.filter(revoked_at__isnull=True, user__is_active=True)

    def of(self, user):
        """The account's own tokens, newest first."""
        return self.filter(user=user).order_by("-created_at", "-pk")


class ApiToken(models.Model):
    """A personal API token: a program sends it as `Authorization: Bearer <token>` on /api/.

    Only a SHA-256 hash of the token is kept (the token is shown once, when made); its first
    characters are kept too, so that its owner can tell one token from another in a list.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        max_length=100,
        help_text="What the token is for, in the owner's words (“Hypothesis sync”, “laptop”).",
    )
    key_hash = models.CharField(
        max_length=64,
        unique=True,
        editable=False,
        help_text="SHA-256 of the whole token, in hexadecimal. The token itself is not kept.",
    )
    prefix = models.CharField(
        max_length=16,
        editable=False,
        help_text="The token's first characters, to recognise it by; not enough to use it.",
    )
    read_only = models.BooleanField(
        default=False,
        help_text="A read-only token may read (GET, HEAD) but not write (POST, PUT, PATCH, "
        "DELETE).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a program last used it (written at most once a minute); empty if never.",
    )
    revoked_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When it was revoked; a revoked token signs nothing in.",
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "API token"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

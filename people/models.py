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

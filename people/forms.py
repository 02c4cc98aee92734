"""The forms of the account pages: the display name, and a new API token."""

from django import forms
from django.core.exceptions import ValidationError

from people.models import ApiToken
from people.services import display_name_clean


class DisplayNameForm(forms.Form):
    display_name = forms.CharField(
        label="Display name",
        required=False,
        help_text="Shown on your annotations and in their history. Leave empty to be shown "
        "by your first and last name, or as “Editor” and your account number.",
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_display_name(self):
        try:
            return display_name_clean(self.cleaned_data["display_name"], user=self.user)
        except ValidationError as error:
            raise ValidationError(error.messages) from None


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text="What the token is for, so that you know which one to revoke: "
        "“Hypothesis sync”, “laptop script”.",
        error_messages={"required": "Give the token a name."},
    )
    read_only = forms.BooleanField(
        label="Read only",
        required=False,
        help_text="A read-only token can read the API but not add, change or delete anything.",
    )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

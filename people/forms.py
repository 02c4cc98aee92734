"""The form an account holder fills in to choose their display name."""

from django import forms
from django.core.exceptions import ValidationError

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

"""Writes to profiles: each checks what must hold whoever calls it."""

from django.core.exceptions import ValidationError
from django.db import transaction

from people.models import Profile
from people.names import display_name_problem


def display_name_clean(value: str, *, user) -> str:
    """The name as it will be stored (spaces collapsed), or ValidationError saying why not."""
    name = " ".join(value.split())
    problem = display_name_problem(name, user_pk=user.pk)
    if problem:
        raise ValidationError(problem)
    if name and Profile.objects.filter(display_name__iexact=name).exclude(user=user).exists():
        raise ValidationError("Another account goes by this name; choose another.")
    return name


@transaction.atomic
def profile_update(*, user, display_name: str) -> Profile:
    """Set the account's display name (empty: fall back to the full name or the number)."""
    name = display_name_clean(display_name, user=user)
    profile, _ = Profile.objects.select_for_update().get_or_create(user=user)
    profile.display_name = name
    profile.save(update_fields=["display_name"])
    return profile

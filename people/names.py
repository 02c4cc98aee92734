"""The name an account is shown by: chosen, else first and last name, else "Editor <id>".

Never the login name, which is half of what signs in. Fetch users with
select_related("profile") (or "author__profile") so that a list asks once, not per row.
"""

import re
import unicodedata

from django.core.exceptions import ObjectDoesNotExist

DISPLAY_NAME_MAX_CHARS = 80
# The fallback's shape; nobody may choose it, so that no one passes for another account.
FALLBACK = re.compile(r"editor\s*\d+", re.IGNORECASE)


def fallback_name(user) -> str:
    return f"Editor {user.pk}"


def chosen_name(user) -> str:
    try:
        return user.profile.display_name
    except ObjectDoesNotExist:
        return ""


def display_name(user) -> str:
    """The public name of an account; "" for no account (the archive itself)."""
    if user is None:
        return ""
    return chosen_name(user) or user.get_full_name().strip() or fallback_name(user)


def display_name_problem(name: str, *, user_pk: int | None) -> str | None:
    """Why a chosen name (spaces already collapsed) may not be used, or None when it may."""
    if len(name) > DISPLAY_NAME_MAX_CHARS:
        return (
            f"The display name is too long: at most {DISPLAY_NAME_MAX_CHARS} characters, "
            f"and this has {len(name):,}."
        )
    if any(unicodedata.category(char).startswith("C") for char in name):
        return "The display name may not contain control or invisible formatting characters."
    if FALLBACK.fullmatch(name) and name.lower() != f"editor {user_pk}":
        return "Choose a name that is not “Editor” and a number."
    return None

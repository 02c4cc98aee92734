"""Accounts and groups the archive relies on."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

EDITORS_GROUP = "Editors"
# Editors correct articles and their entity tags in the admin; they do not delete articles.
EDITOR_PERMISSIONS = [
    "view_article",
    "change_article",
    "view_paragraph",
    "change_paragraph",
    *(
        f"{action}_{model}"
        for model in ("leader", "country", "agendaitem")
        for action in ("view", "add", "change")
    ),
]


def editors_group_ensure() -> Group:
    """The Editors group with its permissions (created or brought up to date)."""
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="articles", codename__in=EDITOR_PERMISSIONS
        )
    )
    return group


@transaction.atomic
def demo_account_ensure(*, username: str, password: str, groups, is_staff: bool = False):
    """An account with a known password in exactly the given groups and no permissions of
    its own (the caller adds any), for trying the archive locally."""
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.is_staff = is_staff
    user.set_password(password)
    user.save()
    # Reset, not added to: an older demo account may hold more (migration 0003 of the
    # annotations gave every staff account both groups).
    user.groups.set(groups)
    user.user_permissions.clear()
    return user

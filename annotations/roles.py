"""The groups that hold the annotation permissions, kept in step with the data migration."""

from django.contrib.auth.models import Group, Permission

from articles.accounts import EDITORS_GROUP

MODERATORS_GROUP = "Moderators"
# Codenames on annotations.Annotation that each group holds (see migration 0003).
ROLE_PERMISSIONS = {
    EDITORS_GROUP: ("add_annotation",),
    MODERATORS_GROUP: ("moderate_annotation",),
}


def role_group_ensure(name: str) -> Group:
    """The Editors or Moderators group, created if missing, with its annotation permissions."""
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="annotations",
            content_type__model="annotation",
            codename__in=ROLE_PERMISSIONS[name],
        )
    )
    return group

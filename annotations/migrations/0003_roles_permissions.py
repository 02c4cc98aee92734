"""Annotation powers become Django permissions held by the Editors and Moderators groups.

Before this migration, `is_staff` alone let a user write, edit anyone's, delete, hide,
restore and read hidden annotations. From now on only permissions count: the Editors group
holds "add annotation" (write, and edit or delete one's own), the Moderators group
"moderate annotation" (hide and restore any, read hidden ones); superusers hold every
permission, as always in Django.

So that nobody silently loses powers, every staff user who is not a superuser (active or
not, for one reactivated later) is, once, added to both groups and given "change annotation"
(edit or delete anyone's, which staff could do; no group holds it). Review those accounts in
the admin afterwards: staff created from now on get no annotation power until they are put
in a group. (The Editors group may also carry admin permissions on articles; a staff user
added to it gains those.)

Going back removes the permissions from the groups; the memberships added here stay.
"""

from django.db import migrations

ROLE_PERMISSIONS = {
    "Editors": ["add_annotation"],
    "Moderators": ["moderate_annotation"],
}
# What staff could do beyond both groups: edit or delete anyone's annotation.
STAFF_KEEPS = ["change_annotation"]
NAMES = {
    "add_annotation": "Can add annotation",
    "change_annotation": "Can change annotation",
    "moderate_annotation": "Can hide and restore any annotation",
}


def permissions_for(apps, codenames):
    # On a fresh database the permissions are created only after all migrations
    # (post_migrate), so make them here; post_migrate then finds them and adds none.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="annotations", model="annotation"
    )
    return [
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": NAMES[codename]}
        )[0]
        for codename in codenames
    ]


def roles_grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model("auth", "User")
    groups = []
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions_for(apps, codenames))
        groups.append(group)
    kept = permissions_for(apps, STAFF_KEEPS)
    for user in User.objects.filter(is_staff=True, is_superuser=False):
        user.groups.add(*groups)
        user.user_permissions.add(*kept)


def roles_revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="annotations", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="annotation",
            options={
                "ordering": ["created_at", "id"],
                "permissions": [("moderate_annotation", "Can hide and restore any annotation")],
            },
        ),
        migrations.RunPython(roles_grant, roles_revoke),
    ]

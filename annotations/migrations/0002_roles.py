"""The Editors and Moderators groups, which the annotation permissions are based on."""

from django.db import migrations

GROUPS = ("Editors", "Moderators")


def groups_create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in GROUPS:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("annotations", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(groups_create, migrations.RunPython.noop)]

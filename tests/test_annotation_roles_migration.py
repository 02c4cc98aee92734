"""The migration that turns annotation powers into permissions gives the groups theirs, and
keeps existing staff (who relied on is_staff) able to do what they did."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("annotations", "0002_roles")]
AFTER = [("annotations", "0003_roles_permissions")]


@pytest.fixture
def migrated_back():
    """The database before the migration; every migration is applied again afterwards, so
    that the tests after this one find the schema complete."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    yield executor
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def codenames(group_or_user, relation="permissions") -> set[str]:
    return set(getattr(group_or_user, relation).values_list("codename", flat=True))


@pytest.mark.django_db(transaction=True)
def test_groups_get_their_permissions_and_existing_staff_keep_their_powers(migrated_back):
    old = migrated_back.loader.project_state(BEFORE).apps
    User = old.get_model("auth", "User")
    staff = User.objects.create(username="old-staff", is_staff=True)
    superuser = User.objects.create(username="root", is_staff=True, is_superuser=True)
    reader = User.objects.create(username="reader")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    new = executor.loader.project_state(AFTER).apps
    Group, User = new.get_model("auth", "Group"), new.get_model("auth", "User")
    assert codenames(Group.objects.get(name="Editors")) >= {"add_annotation"}
    assert codenames(Group.objects.get(name="Moderators")) >= {"moderate_annotation"}

    def groups(user) -> set[str]:
        return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))

    assert groups(staff) == {"Editors", "Moderators"}
    assert codenames(User.objects.get(pk=staff.pk), "user_permissions") == {"change_annotation"}
    assert groups(superuser) == set()
    assert groups(reader) == set()

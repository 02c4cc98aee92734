"""API tokens in the admin (issue 12): staff list them and revoke them, never make them."""

import pytest
from django.urls import reverse

from people.models import ApiToken
from people.tokens import api_token_create
from tests.factories import user_factory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:people_apitoken_changelist")


@pytest.fixture
def staff(client):
    client.force_login(user_factory("superuser"))
    return client


def test_staff_see_every_token_by_its_first_characters(staff, django_assert_max_num_queries):
    rows = [api_token_create(user=user_factory("editor"), name=f"tool {n}")[0] for n in range(6)]

    with django_assert_max_num_queries(5):
        response = staff.get(CHANGELIST)

    assert response.status_code == 200
    for row in rows:
        assert row.prefix in response.text and row.user.username in response.text


def test_staff_revoke_tokens_with_the_action(staff):
    keep, _ = api_token_create(user=user_factory("editor"), name="keep")
    drop, plaintext = api_token_create(user=user_factory("editor"), name="drop")

    response = staff.post(
        CHANGELIST, {"action": "revoke", "_selected_action": [drop.pk]}, follow=True
    )

    assert "1 token revoked." in response.text
    assert ApiToken.objects.get(pk=drop.pk).revoked_at is not None
    assert ApiToken.objects.get(pk=keep.pk).revoked_at is None
    api = staff.get("/api/articles/", headers={"Authorization": f"Bearer {plaintext}"})
    assert api.status_code == 401


def test_tokens_are_not_made_changed_or_deleted_in_the_admin(staff):
    row, _ = api_token_create(user=user_factory("editor"), name="tool")

    assert staff.get(reverse("admin:people_apitoken_add")).status_code == 403
    assert staff.get(reverse("admin:people_apitoken_delete", args=[row.pk])).status_code == 403
    page = staff.get(reverse("admin:people_apitoken_change", args=[row.pk]))
    assert page.status_code == 200 and 'name="name"' not in page.text

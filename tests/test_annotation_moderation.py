"""Moderation: replies under hidden or deleted annotations, restoring with a reason, the
hide and restore pages, the queue of hidden annotations, and landing back where one was."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from annotations.models import Annotation
from annotations.services import (
    annotation_delete,
    annotation_hide,
    reply_create,
)
from tests.factories import annotation_factory, user_factory

pytestmark = pytest.mark.django_db

REPLY_ROLES = ["anonymous", "editor", "moderator", "editor-and-moderator", "staff", "superuser"]


def role_user(role: str):
    if role == "anonymous":
        return None
    if role == "editor-and-moderator":
        user = user_factory("editor")
        user.groups.add(*user_factory("moderator").groups.all())
        return user
    return user_factory(role)


def parent_in(state: str) -> Annotation:
    annotation = annotation_factory()
    if state == "hidden":
        annotation_hide(annotation=annotation, actor=user_factory("moderator"), reason="Spam.")
    else:
        annotation_delete(annotation=annotation, actor=annotation.author)
    annotation.refresh_from_db()
    return annotation


@pytest.mark.parametrize("state", ["hidden", "deleted"])
@pytest.mark.parametrize("role", REPLY_ROLES)
def test_a_reply_under_a_hidden_or_deleted_annotation_is_refused_for_every_role(
    client, state, role
):
    parent = parent_in(state)
    user = role_user(role)
    if user is not None:
        client.force_login(user)
    rows = Annotation.objects.count()

    response = client.post(reverse("annotations:reply", args=[parent.pk]), {"body": "Me too."})

    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code in (400, 403, 404)
    assert Annotation.objects.count() == rows
    assert not parent.replies.exists()


@pytest.mark.parametrize("state", ["hidden", "deleted"])
def test_the_reply_service_refuses_a_hidden_or_deleted_parent(state):
    parent = parent_in(state)
    with pytest.raises(ValidationError, match="not open for replies"):
        reply_create(parent=parent, author=user_factory("superuser"), body="Me too.")
    assert not parent.replies.exists()

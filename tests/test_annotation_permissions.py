"""Every write endpoint, for every role, answers as the permission rules say: on the server."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from annotations.models import Annotation, Status
from annotations.services import annotation_hide
from tests.factories import annotation_factory, article_factory, user_factory

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "reader",
    "editor-own",
    "editor-other",
    "moderator",
    "staff",
    "superuser",
    "inactive-editor-own",
]
LOGIN, DENIED, NOT_FOUND, OK = "login", 403, 404, "ok"

# endpoint: expected outcome per role, in the order of ROLES. Staff in no group may do
# nothing; an inactive account is signed out, even on its own annotation.
MATRIX = {
    "create": [LOGIN, DENIED, OK, OK, DENIED, DENIED, OK, LOGIN],
    "edit": [LOGIN, DENIED, OK, DENIED, DENIED, DENIED, OK, LOGIN],
    "delete": [LOGIN, DENIED, OK, DENIED, DENIED, DENIED, OK, LOGIN],
    "reply": [LOGIN, DENIED, OK, OK, DENIED, DENIED, OK, LOGIN],
    "hide": [LOGIN, DENIED, DENIED, DENIED, OK, DENIED, OK, LOGIN],
    # A hidden annotation does not exist for those who may not read it.
    "restore": [NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, OK, NOT_FOUND],
    # Only orphans are re-attached, by their author or a moderator.
    "reattach": [LOGIN, DENIED, OK, DENIED, OK, DENIED, OK, LOGIN],
}


@pytest.fixture
def world():
    author = user_factory("editor")
    inactive = user_factory("editor")
    article = article_factory(paragraphs=2)
    paragraph = article.paragraphs.get(position=1)
    users = {
        "anonymous": None,
        "reader": user_factory("reader"),
        "editor-own": author,
        "editor-other": user_factory("editor"),
        "moderator": user_factory("moderator"),
        "staff": user_factory("staff"),
        "superuser": user_factory("superuser"),
        "inactive-editor-own": inactive,
    }
    return {"author": author, "article": article, "paragraph": paragraph, "users": users}


def target_for(endpoint: str, world, role: str = "editor-own") -> Annotation | None:
    if endpoint == "create":
        return None
    author = world["users"][role] if role == "inactive-editor-own" else world["author"]
    annotation = annotation_factory(paragraph=world["paragraph"], author=author)
    if endpoint == "restore":
        annotation_hide(annotation=annotation, actor=world["users"]["moderator"], reason="spam")
    if endpoint == "reattach":
        Annotation.objects.filter(pk=annotation.pk).update(paragraph=None)
    return annotation


def request_for(endpoint: str, world, annotation):
    """URL and POST data that would succeed for a user with the right role."""
    article = world["article"]
    if endpoint == "create":
        url = reverse("annotations:create", args=[article.slug, 1])
        return url, {"kind": "note", "body": "A new note."}
    url = reverse(f"annotations:{endpoint}", args=[annotation.pk])
    data = {
        "edit": {"kind": "note", "body": "Edited.", "version": annotation.version},
        "delete": {},
        "reply": {"body": "A reply."},
        "hide": {"reason": "Off topic."},
        "restore": {"reason": "Back on topic."},
        "reattach": {"position": 2, "quote": ""},
    }[endpoint]
    return url, data


def effect_happened(endpoint: str, world, annotation) -> bool:
    if endpoint == "create":
        return Annotation.objects.filter(body="A new note.").exists()
    annotation.refresh_from_db()
    return {
        "edit": annotation.body == "Edited.",
        "delete": annotation.status == Status.DELETED,
        "reply": annotation.replies.exists(),
        "hide": annotation.status == Status.HIDDEN,
        "restore": annotation.status == Status.VISIBLE,
        "reattach": annotation.paragraph_id is not None,
    }[endpoint]


@pytest.mark.parametrize("endpoint", list(MATRIX))
@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
def test_write_endpoint_answers_each_role_as_the_rules_say(client, world, endpoint, role_index):
    expected, role = MATRIX[endpoint][role_index], ROLES[role_index]
    user = world["users"][role]
    annotation = target_for(endpoint, world, role)
    if user is not None:
        client.force_login(user)
    if role == "inactive-editor-own":
        get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    url, data = request_for(endpoint, world, annotation)

    response = client.post(url, data)

    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif expected == OK:
        assert response.status_code == 302, response.content[:500]
        assert not response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == expected
    assert effect_happened(endpoint, world, annotation) is (expected == OK)


@pytest.mark.parametrize("endpoint", ["create", "edit", "delete", "reply", "hide", "reattach"])
def test_forms_are_not_even_shown_to_readers(client, world, endpoint):
    client.force_login(world["users"]["reader"])
    annotation = target_for(endpoint, world)
    url, _ = request_for(endpoint, world, annotation)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("endpoint", ["create", "edit", "delete", "reply", "hide", "reattach"])
def test_forms_are_not_shown_to_staff_in_no_group(client, world, endpoint):
    client.force_login(world["users"]["staff"])
    annotation = target_for(endpoint, world)
    url, _ = request_for(endpoint, world, annotation)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    ("role", "status"), [("staff", 404), ("moderator", 200), ("superuser", 200)]
)
def test_only_moderators_and_superusers_read_a_hidden_annotation(client, world, role, status):
    annotation = target_for("restore", world)  # hidden
    client.force_login(world["users"][role])
    assert client.get(annotation.get_absolute_url()).status_code == status
    api = client.get(
        reverse("annotations:annotation", args=[annotation.article.slug, annotation.pk])
    )
    assert api.status_code == status


def test_staff_in_no_group_are_offered_no_annotation_actions(client, world):
    annotation = annotation_factory(paragraph=world["paragraph"], author=world["author"])
    client.force_login(world["users"]["staff"])
    page = client.get(world["article"].get_absolute_url()).content.decode()
    for action in ("edit", "delete", "hide", "reply"):
        assert reverse(f"annotations:{action}", args=[annotation.pk]) not in page
    assert reverse("annotations:create", args=[world["article"].slug, 1]) not in page

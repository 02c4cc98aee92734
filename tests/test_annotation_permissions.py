"""Every write endpoint, for every role, answers as the permission rules say: on the server."""

import pytest
from django.urls import reverse

from annotations.models import Annotation, Status
from annotations.services import annotation_hide
from tests.factories import annotation_factory, article_factory, user_factory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reader", "editor-own", "editor-other", "moderator", "staff"]
LOGIN, DENIED, NOT_FOUND, OK = "login", 403, 404, "ok"

# endpoint: expected outcome per role, in the order of ROLES.
MATRIX = {
    "create": [LOGIN, DENIED, OK, OK, DENIED, OK],
    "edit": [LOGIN, DENIED, OK, DENIED, DENIED, OK],
    "delete": [LOGIN, DENIED, OK, DENIED, DENIED, OK],
    "reply": [LOGIN, DENIED, OK, OK, DENIED, OK],
    "hide": [LOGIN, DENIED, DENIED, DENIED, OK, OK],
    # A hidden annotation does not exist for those who may not read it.
    "restore": [NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK, OK],
    "reattach": [LOGIN, DENIED, OK, OK, OK, OK],
}


@pytest.fixture
def world():
    author = user_factory("editor")
    article = article_factory(paragraphs=2)
    paragraph = article.paragraphs.get(position=1)
    users = {
        "anonymous": None,
        "reader": user_factory("reader"),
        "editor-own": author,
        "editor-other": user_factory("editor"),
        "moderator": user_factory("moderator"),
        "staff": user_factory("staff"),
    }
    return {"author": author, "article": article, "paragraph": paragraph, "users": users}


def target_for(endpoint: str, world) -> Annotation | None:
    if endpoint == "create":
        return None
    annotation = annotation_factory(paragraph=world["paragraph"], author=world["author"])
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
        "restore": {},
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
    expected = MATRIX[endpoint][role_index]
    user = world["users"][ROLES[role_index]]
    if user is not None:
        client.force_login(user)
    annotation = target_for(endpoint, world)
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

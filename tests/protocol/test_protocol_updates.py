"""Updating and deleting annotations through the W3C Web Annotation Protocol (§6.3, §6.4): PUT
with If-Match, DELETE as the archive's soft delete, for each role, with their revisions.

Each test is named after the requirement it checks (https://www.w3.org/TR/annotation-protocol/).
"""

import json

import pytest
from django.test import Client
from django.urls import reverse

from annotations.models import Action, Annotation, Status
from annotations.services import AnnotationContent, annotation_update, reply_create
from tests.factories import annotation_factory, article_factory, user_factory
from tests.protocol.support import MEDIA_TYPE, url_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def note(editor):
    """A note by the signed-in editor on "Paragraph 2" of paragraph 2."""
    paragraph = article_factory(paragraphs=3).paragraphs.get(position=2)
    return annotation_factory(paragraph=paragraph, author=editor, quote="Paragraph 2")


def read(client, annotation) -> tuple[dict, str]:
    """The annotation as a client reads it before changing it, and its ETag."""
    response = client.get(url_of(annotation))
    return response.json(), response["ETag"]


def put(client, annotation, document, etag=None, **headers):
    if etag is not None:
        headers["HTTP_IF_MATCH"] = etag
    return client.put(url_of(annotation), json.dumps(document), content_type=MEDIA_TYPE, **headers)


def with_text(document: dict, text: str) -> dict:
    document["body"][0]["value"] = text
    return document


def selectors(document: dict) -> list:
    selector = document["target"]["selector"]
    return selector if isinstance(selector, list) else [selector]


# ------------------------------------------------------------------ PUT


def test_put_must_answer_200_with_the_new_state_and_its_new_etag(client, note):
    document, etag = read(client, note)
    response = put(client, note, with_text(document, "Changed by PUT."), etag)
    assert response.status_code == 200
    assert response.json()["body"][0]["value"] == "Changed by PUT."
    assert response["ETag"] != etag
    assert response["ETag"] == client.get(url_of(note))["ETag"]
    assert response["Content-Type"] == MEDIA_TYPE


def test_put_keeps_an_edit_revision_with_the_content_before_and_after(client, editor, note):
    document, etag = read(client, note)
    put(client, note, with_text(document, "Changed by PUT."), etag)
    revision = Annotation.objects.get(pk=note.pk).revisions.get(version=2)
    assert (revision.action, revision.actor) == (Action.EDIT, editor)
    assert revision.previous["body"] == "A note on this paragraph."
    assert revision.content["body"] == "Changed by PUT."


def test_put_without_if_match_is_428(client, note):
    document, _ = read(client, note)
    response = put(client, note, with_text(document, "Blind write."))
    assert response.status_code == 428
    assert "If-Match" in response.json()["errors"]
    assert Annotation.objects.get(pk=note.pk).body == "A note on this paragraph."


def test_put_with_a_stale_etag_is_412_and_changes_nothing(client, editor, note):
    document, etag = read(client, note)
    annotation_update(
        annotation=note,
        actor=editor,
        expected_version=note.version,
        content=AnnotationContent(body="Changed meanwhile."),
    )
    response = put(client, note, with_text(document, "Too late."), etag)
    assert response.status_code == 412
    assert response["ETag"] == client.get(url_of(note))["ETag"]
    assert Annotation.objects.get(pk=note.pk).body == "Changed meanwhile."


def test_put_with_a_weak_etag_is_412(client, note):
    document, etag = read(client, note)
    assert put(client, note, with_text(document, "Weak."), "W/" + etag).status_code == 412


def test_put_may_change_the_quote_within_the_paragraph(client, note):
    document, etag = read(client, note)
    for selector in selectors(document):
        refined = selector.get("refinedBy", selector)
        if refined["type"] == "TextQuoteSelector":
            refined.update(exact="editorial", prefix="", suffix="")
        elif refined["type"] == "TextPositionSelector":
            selector.pop("refinedBy")  # a FragmentSelector alone: the quote tells the words
    response = put(client, note, document, etag)
    assert response.status_code == 200, response.json()
    assert Annotation.objects.get(pk=note.pk).quote_exact == "editorial"


def test_put_cannot_move_the_annotation_to_another_paragraph(client, note):
    document, etag = read(client, note)
    document["target"] = document["target"]["source"] + "#p3"
    response = put(client, note, document, etag)
    assert response.status_code == 400
    assert "paragraph cannot change" in response.json()["errors"]["target"]
    assert Annotation.objects.get(pk=note.pk).paragraph.position == 2


@pytest.mark.parametrize("field", ["canonical", "via", "id"])
def test_put_is_refused_when_it_changes_canonical_via_or_id(client, note, field):
    document, etag = read(client, note)
    document[field] = "urn:uuid:00000000-0000-4000-8000-000000000000"
    response = put(client, note, document, etag)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_put_of_a_reply_changes_its_text_and_keeps_its_thread(client, editor, note):
    reply = reply_create(parent=note, author=editor, body="First thought.")
    document, etag = read(client, reply)
    response = put(client, reply, with_text(document, "Second thought."), etag)
    assert response.status_code == 200
    assert Annotation.objects.get(pk=reply.pk).body == "Second thought."
    other = annotation_factory(paragraph=note.paragraph, author=editor)
    document["target"] = "http://testserver" + url_of(other)
    moved = put(client, reply, document, response["ETag"])
    assert moved.status_code == 400
    assert "stays under" in moved.json()["errors"]["target"]


def test_put_of_an_orphaned_annotation_is_refused_saying_an_editor_reattaches_it(client, note):
    Annotation.objects.filter(pk=note.pk).update(paragraph=None)
    document, etag = read(client, note)  # its target is now the page, by its quote
    response = put(client, note, with_text(document, "Changed."), etag)
    assert response.status_code == 400
    assert "re-attaches" in response.json()["errors"]["target"]
    assert Annotation.objects.get(pk=note.pk).body == "A note on this paragraph."


def test_put_with_an_empty_body_text_is_400_naming_the_body(client, note):
    document, etag = read(client, note)
    response = put(client, note, with_text(document, ""), etag)
    assert response.status_code == 400
    assert any(field.startswith("body") for field in response.json()["errors"])


def test_put_of_malformed_json_is_400(client, note):
    _, etag = read(client, note)
    response = client.put(url_of(note), "{not json", content_type=MEDIA_TYPE, HTTP_IF_MATCH=etag)
    assert response.status_code == 400
    assert "Malformed JSON" in json.dumps(response.json())


def test_put_of_another_media_type_is_415(client, note):
    document, etag = read(client, note)
    response = client.put(
        url_of(note), json.dumps(document), content_type="text/plain", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 415


# ------------------------------------------------------------------ DELETE


def test_delete_must_answer_204_and_the_annotation_leaves_its_container(client, note):
    container = reverse("annotations:article_container", args=[note.article.slug])
    assert client.get(container).json()["total"] == 1
    response = client.delete(url_of(note))
    assert response.status_code == 204
    assert response.content == b""
    assert client.get(url_of(note)).status_code == 404
    assert client.get(container).json()["total"] == 0


def test_delete_is_the_soft_delete_with_its_revision(client, editor, note):
    client.delete(url_of(note))
    stored = Annotation.objects.get(pk=note.pk)
    assert stored.status == Status.DELETED
    revision = stored.revisions.get(version=2)
    assert (revision.action, revision.actor) == (Action.DELETE, editor)


def test_delete_honours_if_match_when_sent(client, editor, note):
    _, etag = read(client, note)
    assert client.delete(url_of(note), HTTP_IF_MATCH='"stale"').status_code == 412
    assert Annotation.objects.get(pk=note.pk).status == Status.VISIBLE
    assert client.delete(url_of(note), HTTP_IF_MATCH=etag).status_code == 204


def test_delete_of_an_unknown_annotation_is_404(client, note):
    url = reverse("annotations:annotation", args=[note.article.slug, note.pk + 1000])
    assert client.delete(url).status_code == 404


# ------------------------------------------------------------------ who may


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 401),
        ("reader", 403),
        ("editor", 403),  # another editor
        ("moderator", 403),  # moderators hide; they do not edit or delete
        ("staff", 403),
        ("superuser", 200),
    ],
    ids=str,
)
def test_only_the_author_or_a_superuser_may_put(note, role, status):
    reader = Client()
    document, etag = read(reader, note)
    client = Client()
    if role:
        client.force_login(user_factory(role))
    response = put(client, note, with_text(document, "Someone else's change."), etag)
    assert response.status_code == status
    if status == 401:
        assert response["WWW-Authenticate"].startswith("Bearer")
    if status == 403:
        assert response.json()["detail"]
    changed = Annotation.objects.get(pk=note.pk).body == "Someone else's change."
    assert changed == (status == 200)


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 401), ("reader", 403), ("editor", 403), ("moderator", 403), ("superuser", 204)],
    ids=str,
)
def test_only_the_author_or_a_superuser_may_delete(note, role, status):
    client = Client()
    if role:
        client.force_login(user_factory(role))
    assert client.delete(url_of(note)).status_code == status
    deleted = Annotation.objects.get(pk=note.pk).status == Status.DELETED
    assert deleted == (status == 204)


def test_a_hidden_annotation_is_not_found_by_its_author_and_refused_to_a_moderator(client, note):
    document, etag = read(client, note)
    Annotation.objects.filter(pk=note.pk).update(status=Status.HIDDEN)
    assert put(client, note, document, etag).status_code == 404
    assert client.delete(url_of(note)).status_code == 404
    client.force_login(user_factory("moderator"))
    assert client.delete(url_of(note)).status_code == 403


def test_a_session_put_or_delete_without_its_csrf_token_is_refused(editor, note):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    document, etag = read(client, note)
    assert put(client, note, with_text(document, "Forged."), etag).status_code == 403
    response = client.delete(url_of(note))
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert Annotation.objects.get(pk=note.pk).status == Status.VISIBLE

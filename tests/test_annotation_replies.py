"""A reply has its own page for everyone who may read it, and nobody reads a reply of a
thread they cannot see: not on any page, feed, collection or API."""

import pytest
from django.urls import reverse

from annotations.models import Annotation, Kind, Status
from annotations.services import annotation_delete, annotation_hide, reply_create
from tests.factories import annotation_factory, article_factory, user_factory

pytestmark = pytest.mark.django_db

REPLY_TEXT = "A reply that only readers of the thread may see."


@pytest.fixture
def thread():
    article = article_factory(paragraphs=2)
    annotation = annotation_factory(
        paragraph=article.paragraphs.first(),
        kind=Kind.CLAIM,
        claim_text="A claim in the thread.",
        claimant="A minister",
        verdict="false",
        body="Why it is false.",
    )
    reply = reply_create(parent=annotation, author=user_factory("editor"), body=REPLY_TEXT)
    return annotation, reply


def sign_in(client, role, thread):
    if role == "author":
        client.force_login(thread[1].author)
    elif role != "anonymous":
        client.force_login(user_factory(role))


@pytest.mark.parametrize("role", ["anonymous", "reader", "editor", "moderator", "author"])
def test_a_reply_has_its_own_page(client, thread, role):
    annotation, reply = thread
    sign_in(client, role, thread)
    response = client.get(reply.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert REPLY_TEXT in page
    assert annotation.get_absolute_url() in page  # a link to the thread it answers


def test_a_moderator_who_hides_a_reply_lands_on_a_page_that_works(client, thread):
    _, reply = thread
    client.force_login(user_factory("moderator"))
    response = client.post(reverse("annotations:hide", args=[reply.pk]), {"reason": "Rude."})
    assert response.status_code == 302
    landing = client.get(response["Location"])
    assert landing.status_code == 200
    assert "hidden" in landing.content.decode()


def hide_thread(annotation, how):
    moderator = user_factory("moderator")
    if how == "hidden":
        annotation_hide(annotation=annotation, actor=moderator, reason="Misleading.")
    else:
        annotation_delete(annotation=annotation, actor=annotation.author)


HOW = ["hidden", "deleted"]


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("role", ["anonymous", "editor", "author"])
def test_a_reply_of_an_unreadable_thread_has_no_page(client, thread, how, role):
    annotation, reply = thread
    hide_thread(annotation, how)
    sign_in(client, role, thread)
    assert client.get(reply.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("how", HOW)
def test_a_reply_of_an_unreadable_thread_is_not_in_the_api(client, thread, how):
    annotation, reply = thread
    hide_thread(annotation, how)
    response = client.get(reverse("annotations:annotation", args=[reply.article.slug, reply.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("how", HOW)
def test_a_reply_of_an_unreadable_thread_is_on_no_page_or_collection(client, thread, how):
    annotation, _ = thread
    hide_thread(annotation, how)
    article = annotation.article
    for url in (
        article.get_absolute_url(),
        reverse("annotations:list"),
        reverse("annotations:list") + f"?article={article.slug}",
        reverse("annotations:article_container", args=[article.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert REPLY_TEXT not in response.content.decode(), url
        assert "A claim in the thread." not in response.content.decode(), url


def test_a_moderator_reads_a_reply_of_a_hidden_thread(client, thread):
    annotation, reply = thread
    hide_thread(annotation, "hidden")
    client.force_login(user_factory("moderator"))
    assert client.get(reply.get_absolute_url()).status_code == 200
    assert (
        client.get(
            reverse("annotations:annotation", args=[reply.article.slug, reply.pk])
        ).status_code
        == 200
    )


def test_nobody_reads_a_reply_of_a_deleted_thread(client, thread):
    annotation, reply = thread
    hide_thread(annotation, "deleted")
    client.force_login(user_factory("moderator"))
    assert client.get(reply.get_absolute_url()).status_code == 404
    assert (
        client.get(
            reverse("annotations:annotation", args=[reply.article.slug, reply.pk])
        ).status_code
        == 404
    )


@pytest.mark.parametrize("how", HOW)
def test_visible_to_leaves_out_replies_of_unreadable_threads(thread, how):
    annotation, reply = thread
    hide_thread(annotation, how)
    readable = Annotation.objects.visible_to(user_factory("editor"))
    assert not readable.filter(pk=reply.pk).exists()
    assert Annotation.objects.get(pk=reply.pk).status == Status.VISIBLE

"""One annotation as the W3C Web Annotation Protocol serves it (§4): at an IRI under its
editorial's container, with its headers, a strong ETag and conditional GETs.

Each test is named after the requirement it checks (https://www.w3.org/TR/annotation-protocol/).
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from annotations.models import Status
from annotations.services import AnnotationContent, annotation_update, reply_create
from people.services import profile_update
from tests.factories import annotation_factory, article_factory, user_factory
from tests.protocol.support import BASE, MEDIA_TYPE, links, url_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def note(author):
    return annotation_factory(paragraph=article_factory().paragraphs.first(), author=author)


def test_an_annotation_iri_sits_under_its_editorial_container_and_the_archive_one(client, note):
    iri = client.get(url_of(note)).json()["id"]
    editorial = BASE + reverse("annotations:article_container", args=[note.article.slug])
    assert iri == BASE + url_of(note)
    assert iri.startswith(editorial) and editorial.startswith(BASE + "/api/annotations/")


@pytest.mark.parametrize("method", ["get", "head", "options"])
def test_annotations_must_support_get_head_and_options(client, note, method):
    response = getattr(client, method)(url_of(note))
    assert response.status_code == 200
    assert {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"} == {
        part.strip() for part in response["Allow"].split(",")
    }


def test_head_answers_the_headers_of_get_without_a_body(client, note):
    get, head = client.get(url_of(note)), client.head(url_of(note))
    assert head.content == b""
    assert head["Content-Length"] == str(len(get.content))
    assert head["ETag"] == get["ETag"]


def test_the_response_must_be_json_ld_with_the_annotation_profile(client, note):
    response = client.get(url_of(note), HTTP_ACCEPT=MEDIA_TYPE)
    assert response["Content-Type"] == MEDIA_TYPE
    assert response.json()["type"] == "Annotation"


@pytest.mark.parametrize("method", ["get", "head", "options"])
def test_the_response_must_link_ldp_resource_as_its_type(client, note, method):
    response = getattr(client, method)(url_of(note))
    assert ("http://www.w3.org/ns/ldp#Resource", "type") in links(response)
    assert ("http://www.w3.org/ns/oa#Annotation", "type") in links(response)


@pytest.mark.parametrize("method", ["get", "head", "options"])
def test_the_response_must_have_a_strong_etag(client, note, method):
    etag = getattr(client, method)(url_of(note))["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)


def test_the_response_must_vary_on_accept(client, note):
    assert "Accept" in client.get(url_of(note))["Vary"]


def test_if_none_match_with_the_current_etag_answers_304(client, note):
    etag = client.get(url_of(note))["ETag"]
    response = client.get(url_of(note), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    other = client.get(url_of(note), HTTP_IF_NONE_MATCH='"other", W/"another"')
    assert other.status_code == 200


def test_the_etag_changes_when_the_annotation_is_edited(client, note, author):
    before = client.get(url_of(note))["ETag"]
    annotation_update(
        annotation=note,
        actor=author,
        expected_version=note.version,
        content=AnnotationContent(body="Changed."),
    )
    assert client.get(url_of(note), HTTP_IF_NONE_MATCH=before).status_code == 200
    assert client.get(url_of(note))["ETag"] != before


def test_the_etag_changes_when_what_it_shows_of_its_author_changes(client, note, author):
    before = client.get(url_of(note))["ETag"]
    profile_update(user=author, display_name="A New Name")
    assert client.get(url_of(note))["ETag"] != before


def test_a_reply_targets_its_thread_at_the_thread_iri(client, note, author):
    reply = reply_create(parent=note, author=author, body="Agreed.")
    data = client.get(url_of(reply)).json()
    assert data["target"] == BASE + url_of(note)
    assert data["motivation"] == "replying"


@pytest.mark.parametrize("role", [None, "reader", "editor", "moderator"], ids=str)
def test_a_hidden_annotation_is_served_to_moderators_only_and_a_deleted_one_never(
    note, author, role
):
    client = Client()
    if role:
        client.force_login(user_factory(role))
    deleted = annotation_factory(paragraph=note.paragraph, author=author)
    type(note).objects.filter(pk=note.pk).update(status=Status.HIDDEN)
    type(note).objects.filter(pk=deleted.pk).update(status=Status.DELETED)
    assert client.get(url_of(note)).status_code == (200 if role == "moderator" else 404)
    assert client.head(url_of(note)).status_code == (200 if role == "moderator" else 404)
    response = client.get(url_of(deleted))
    assert response.status_code == 404
    assert response.json() == {"detail": "No such annotation."}


def test_an_unknown_annotation_options_is_not_found(client, note):
    url = reverse("annotations:annotation", args=[note.article.slug, note.pk + 1000])
    assert client.options(url).status_code == 404


def test_one_annotation_costs_three_queries(client, note, django_assert_max_num_queries):
    url = url_of(note)
    # The annotation with author, paragraph and article; evidence; replies (with_details).
    with django_assert_max_num_queries(3):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("method", ["get", "head", "options"])
def test_the_old_address_redirects_permanently_keeping_the_method(client, note, method):
    response = getattr(client, method)(reverse("annotations:jsonld", args=[note.pk]))
    assert response.status_code == 308
    assert response["Location"] == BASE + url_of(note)


@pytest.mark.parametrize(
    ("method", "anonymous", "signed_in"),
    [("put", 405, 405), ("delete", 405, 405), ("trace", 405, 405), ("post", 401, 404)],
)
def test_the_old_address_was_only_read_and_a_write_there_is_one_to_a_container(
    client, note, method, anonymous, signed_in
):
    """The old API took no writes, so a write to `/api/annotations/<number>/` is one to the
    container of that name (there is none): what a container answers, never a redirect."""
    address = reverse("annotations:jsonld", args=[note.pk])
    assert getattr(client, method)(address).status_code == anonymous
    client.force_login(note.author)
    response = getattr(client, method)(address, "{}", content_type=MEDIA_TYPE)
    assert response.status_code == signed_in
    assert "Location" not in response


def test_the_old_address_of_an_unreadable_annotation_is_not_found(client, note):
    type(note).objects.filter(pk=note.pk).update(status=Status.HIDDEN)
    response = client.get(reverse("annotations:jsonld", args=[note.pk]))
    assert response.status_code == 404


def test_following_the_old_address_gets_the_annotation(client, note):
    response = client.get(reverse("annotations:jsonld", args=[note.pk]), follow=True)
    assert response.status_code == 200
    assert response.json()["id"] == BASE + url_of(note)

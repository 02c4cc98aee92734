"""The annotations as JSON-LD at their protocol IRIs: content type, who may read what, and a
constant query cost (the protocol's own headers and paging: tests/protocol/)."""

import pytest
from django.urls import reverse

from annotations.models import Annotation, EvidenceLink, Kind, Status
from annotations.verdicts import Verdict
from annotations.w3c import annotation_to_w3c
from tests.factories import article_factory, user_factory

pytestmark = pytest.mark.django_db

CONTENT_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
ROLES = [None, "reader", "editor", "moderator", "staff", "superuser"]
# Staff alone may not: moderating is a permission (the Moderators group's).
MAY_MODERATE = {"moderator", "superuser"}
# Article, threads with author/leader/paragraph/article, evidence, replies; signed in adds the
# session, the user, and their permissions (their own and their groups').
COLLECTION_QUERIES = {None: 4, "moderator": 8}


@pytest.fixture
def article():
    return article_factory(paragraphs=3)


@pytest.fixture
def author():
    return user_factory("editor")


def annotate(article, author, *, position=1, **fields) -> Annotation:
    return Annotation.objects.create(
        article=article,
        paragraph=article.paragraphs.get(position=position),
        original_position=position,
        author=author,
        body=fields.pop("body", "A note."),
        **fields,
    )


def sign_in(client, role):
    if role:
        client.force_login(user_factory(role))


def one(client, annotation):
    return client.get(
        reverse("annotations:annotation", args=[annotation.article.slug, annotation.pk])
    )


def collection(client, article):
    return client.get(reverse("annotations:article_container", args=[article.slug]))


def test_an_annotation_is_served_as_its_w3c_json_ld(client, article, author):
    annotation = annotate(article, author, quote_exact="Paragraph", quote_start=0, quote_end=9)
    response = one(client, annotation)
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    fetched = Annotation.objects.with_details().get(pk=annotation.pk)
    assert response.json() == annotation_to_w3c(fetched, base_url="http://testserver")
    assert response.json()["id"] == (
        f"http://testserver/api/annotations/{article.slug}/{annotation.pk}"
    )


@pytest.mark.parametrize("role", ROLES, ids=str)
def test_a_hidden_annotation_is_served_to_moderators_only(client, article, author, role):
    hidden = annotate(article, author, status=Status.HIDDEN, moderation_reason="Spam.")
    sign_in(client, role)
    assert one(client, hidden).status_code == (200 if role in MAY_MODERATE else 404)


@pytest.mark.parametrize("role", ROLES, ids=str)
def test_a_deleted_annotation_is_not_found_for_anyone(client, article, author, role):
    deleted = annotate(article, author, status=Status.DELETED)
    sign_in(client, role)
    response = one(client, deleted)
    assert response.status_code == 404
    assert response.json() == {"detail": "No such annotation."}


def test_an_unknown_annotation_is_not_found(client, article):
    url = reverse("annotations:annotation", args=[article.slug, 987654])
    assert client.get(url).status_code == 404
    assert client.get(reverse("annotations:jsonld", args=[987654])).status_code == 404


def test_an_annotation_is_not_found_under_another_editorial(client, article, author):
    annotation = annotate(article, author)
    other = article_factory()
    url = reverse("annotations:annotation", args=[other.slug, annotation.pk])
    assert client.get(url).status_code == 404


def test_an_annotation_takes_no_post_and_a_container_no_patch(client, article, author):
    annotation = annotate(article, author)
    response = client.post(reverse("annotations:annotation", args=[article.slug, annotation.pk]))
    assert response.status_code == 405
    assert "POST is not allowed" in response.json()["detail"]
    container = reverse("annotations:article_container", args=[article.slug])
    assert client.patch(container).status_code == 405


@pytest.fixture
def threads(article, author):
    """Visible and hidden threads with visible and hidden replies, a deleted one, and one on
    another editorial."""
    visible = annotate(article, author, body="Visible thread.")
    annotate(article, author, position=1, parent=visible, body="Visible reply.")
    annotate(article, author, parent=visible, body="Hidden reply.", status=Status.HIDDEN)
    second = annotate(article, author, position=2, body="Second visible thread.")
    hidden = annotate(article, author, body="Hidden thread.", status=Status.HIDDEN)
    annotate(article, author, parent=hidden, body="Reply under a hidden thread.")
    annotate(article, author, body="Deleted thread.", status=Status.DELETED)
    annotate(article_factory(), author, body="On another editorial.")
    return {"visible": visible, "second": second, "hidden": hidden}


def bodies_in(response) -> list[str]:
    items = response.json()["first"]["items"]
    return [item["body"][0]["value"] for item in items]


def test_readers_get_the_visible_threads_each_followed_by_its_visible_replies(
    client, article, threads
):
    response = collection(client, article)
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    assert response.json()["total"] == 3
    assert bodies_in(response) == ["Visible thread.", "Visible reply.", "Second visible thread."]


def test_moderators_also_get_hidden_threads_and_replies_but_never_deleted_ones(
    client, article, threads
):
    sign_in(client, "moderator")
    response = collection(client, article)
    assert response.json()["total"] == 6
    assert bodies_in(response) == [
        "Visible thread.",
        "Visible reply.",
        "Hidden reply.",
        "Second visible thread.",
        "Hidden thread.",
        "Reply under a hidden thread.",
    ]


def test_a_collection_without_annotations_is_empty(client, article):
    data = collection(client, article).json()
    assert data["type"] == ["BasicContainer", "AnnotationCollection"]
    assert data["total"] == 0
    assert "first" not in data


def test_an_unknown_editorial_has_no_collection(client):
    url = reverse("annotations:article_container", args=["2026-01-01-no-such-editorial"])
    response = client.get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "No editorial has this address."}


def annotations_for(article, author, count: int) -> None:
    """Notes, quoted notes and claims with evidence, every third with a reply."""
    for number in range(count):
        position = number % 3 + 1
        if number % 2:
            annotation = annotate(
                article,
                author,
                position=position,
                kind=Kind.CLAIM,
                claim_text=f"Claim {number}.",
                claimant="A minister",
                verdict=Verdict.MIXED,
            )
            EvidenceLink.objects.create(annotation=annotation, url=f"https://example.org/{number}")
        else:
            annotation = annotate(
                article,
                author,
                position=position,
                quote_exact="Paragraph",
                quote_start=0,
                quote_end=9,
            )
        if number % 3 == 0:
            annotate(article, author, position=position, parent=annotation, body="Agreed.")


@pytest.mark.parametrize("role", list(COLLECTION_QUERIES), ids=str)
def test_a_collection_of_50_costs_the_same_queries_as_one_of_2(
    client, author, count_queries, django_assert_max_num_queries, role
):
    sign_in(client, role)
    small, large = article_factory(paragraphs=3), article_factory(paragraphs=3)
    annotations_for(small, author, 2)
    annotations_for(large, author, 50)
    for_small = count_queries(lambda: collection(client, small))
    for_large = count_queries(lambda: collection(client, large))
    assert for_large == for_small
    with django_assert_max_num_queries(COLLECTION_QUERIES[role]):
        response = collection(client, large)
    assert response.json()["total"] == 50 + 17


def test_one_claim_with_evidence_costs_three_queries(
    client, article, author, django_assert_max_num_queries
):
    claim = annotate(article, author, kind=Kind.CLAIM, claim_text="A claim.", verdict=Verdict.FALSE)
    for number in range(5):
        EvidenceLink.objects.create(annotation=claim, url=f"https://example.org/{number}")
    with django_assert_max_num_queries(3):
        response = one(client, claim)
    assert len(response.json()["body"]) == 2 + 1 + 5

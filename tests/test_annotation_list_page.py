"""/annotations/: newest first, filtered by kind, verdict, author and article; counts on lists."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from annotations.models import Kind
from annotations.services import annotation_delete
from tests.factories import annotation_factory, article_factory, user_factory

pytestmark = pytest.mark.django_db


def listed(client, **params) -> str:
    response = client.get(reverse("annotations:list"), params)
    assert response.status_code == 200
    return response.content.decode()


def claim(paragraph, verdict, text, author=None):
    return annotation_factory(
        paragraph=paragraph,
        author=author,
        kind=Kind.CLAIM,
        claim_text=text,
        claimant="A minister",
        verdict=verdict,
    )


@pytest.fixture
def annotated():
    first, second = article_factory(), article_factory()
    alice = user_factory("editor", username="alice")
    annotation_factory(
        paragraph=first.paragraphs.first(), author=alice, body="Older note by alice."
    )
    claim(first.paragraphs.first(), "false", "The false claim.")
    claim(second.paragraphs.first(), "accurate", "The accurate claim.", author=alice)
    return {"first": first, "second": second}


def test_newest_first(client, annotated):
    html = listed(client)
    assert html.index("The accurate claim.") < html.index("The false claim.")
    assert html.index("The false claim.") < html.index("Older note by alice.")


@pytest.mark.parametrize(
    ("params", "shown", "not_shown"),
    [
        ({"kind": "note"}, ["Older note by alice."], ["The false claim.", "The accurate claim."]),
        ({"verdict": "false"}, ["The false claim."], ["The accurate claim.", "Older note"]),
        (
            {"author": "alice"},
            ["Older note by alice.", "The accurate claim."],
            ["The false claim."],
        ),
    ],
)
def test_filters_narrow_the_list(client, annotated, params, shown, not_shown):
    if params.get("author") == "alice":  # the filter names the account by its number
        params = {"author": get_user_model().objects.get(username="alice").pk}
    html = listed(client, **params)
    for text in shown:
        assert text in html
    for text in not_shown:
        assert text not in html


def test_filter_by_article_and_filters_combine(client, annotated):
    html = listed(client, article=annotated["first"].slug, kind="claim")
    assert "The false claim." in html
    assert "The accurate claim." not in html and "Older note" not in html


def test_deleted_annotations_are_not_listed(client):
    note = annotation_factory(body="Soon deleted.")
    annotation_delete(annotation=note, actor=note.author)
    assert "Soon deleted." not in listed(client)


def test_article_list_shows_each_articles_annotation_count(client, annotated):
    html = client.get(reverse("articles:index")).content.decode()
    first = html.split(annotated["first"].title)[1]
    second = html.split(annotated["second"].title)[1]
    assert "2 annotations" in first.split("summary-title")[0]
    assert "1 annotation" in second.split("summary-title")[0]


def test_list_query_count_does_not_grow_with_annotations(client, count_queries):
    paragraph = article_factory().paragraphs.first()
    claim(paragraph, "false", "One.")
    small = count_queries(lambda: client.get(reverse("annotations:list")))
    for number in range(25):
        claim(article_factory().paragraphs.first(), "mixed", f"Claim {number}.")
    assert count_queries(lambda: client.get(reverse("annotations:list"))) == small


def test_verdict_scale_page_publishes_every_verdict(client):
    html = client.get(reverse("annotations:verdicts")).content.decode()
    for label in ("Accurate", "Mostly accurate", "Mixed", "Misleading", "False", "Unverifiable"):
        assert label in html

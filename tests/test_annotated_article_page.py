"""The editorial page shows annotations beside their paragraphs, at a constant query cost."""

import re

import pytest
from django.urls import reverse

from annotations.models import Kind
from annotations.services import Evidence, annotation_hide, reply_create
from tests.factories import annotation_factory, article_factory, user_factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return article_factory(paragraphs=4)


def page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def margin_of(html: str, position: int) -> str:
    """The margin column beside paragraph `position`."""
    row = html.split('<div class="para-row">')[position]
    return row.split('<p class="annotation-summary"')[0]


def test_annotations_stand_beside_their_own_paragraph_with_a_count(client, article):
    second = article.paragraphs.get(position=2)
    annotation_factory(paragraph=second, body="First note on two.")
    annotation_factory(paragraph=second, body="Second note on two.")
    html = page(client, article)
    assert "First note on two." in margin_of(html, 2)
    assert "2 annotations" in margin_of(html, 2)
    assert "First note on two." not in margin_of(html, 1)
    assert "annotation" not in margin_of(html, 3)  # readers see no empty margins


def test_quoted_span_is_highlighted_in_the_text_and_links_to_its_note(client, article):
    first = article.paragraphs.get(position=1)
    note = annotation_factory(paragraph=first, quote="summit's stakes")
    html = page(client, article)
    assert f'<mark class="quote" data-annotations="{note.pk}"><a href="#a{note.pk}"' in html
    assert re.search(r"<mark[^>]*><a[^>]*>summit&#x27;s stakes</a></mark>", html)


def test_claim_shows_its_verdict_badge_claimant_and_evidence(client, article):
    annotation_factory(
        paragraph=article.paragraphs.get(position=3),
        kind=Kind.CLAIM,
        claim_text="Five summits took place.",
        claimant="The editorial",
        verdict="mostly-accurate",
        body="Four were formal; one was on the sidelines.",
        evidence=[Evidence("https://example.org/record", "Meeting record")],
    )
    margin = margin_of(page(client, article), 3)
    assert 'class="verdict verdict-mostly-accurate"' in margin
    assert "Mostly accurate" in margin
    assert "Five summits took place." in margin and "The editorial" in margin
    assert 'href="https://example.org/record"' in margin and "Meeting record" in margin


def test_hidden_annotations_are_seen_by_moderators_only(client, article):
    note = annotation_factory(paragraph=article.paragraphs.first(), body="Hidden words.")
    annotation_hide(annotation=note, actor=user_factory("moderator"), reason="Spam.")
    assert "Hidden words." not in page(client, article)
    client.force_login(user_factory("editor"))
    assert "Hidden words." not in page(client, article)
    client.force_login(user_factory("moderator"))
    html = page(client, article)
    assert "Hidden words." in html and "Spam." in html and ">hidden</span>" in html


def test_readers_see_no_annotate_links_or_forms(client, article):
    annotation_factory(paragraph=article.paragraphs.first())
    html = page(client, article)
    assert "Annotate paragraph" not in html
    assert "annotate.js" not in html
    assert ">Edit<" not in html and ">Reply<" not in html


def test_editors_get_an_annotate_link_per_paragraph_and_the_selection_script(client, article):
    client.force_login(user_factory("editor"))
    html = page(client, article)
    for position in range(1, 5):
        url = reverse("annotations:create", args=[article.slug, position])
        assert f'href="{url}"' in html
    assert "js/annotate.js" in html


def test_markdown_is_rendered_and_scripts_are_not(client, article):
    annotation_factory(
        paragraph=article.paragraphs.first(),
        body="**Bold** and [a link](https://example.org) <script>alert(1)</script> "
        "[x](javascript:alert(2))",
    )
    margin = margin_of(page(client, article), 1)
    assert "<strong>Bold</strong>" in margin
    assert 'rel="nofollow noopener' in margin
    assert "<script>alert(1)" not in margin
    assert 'href="javascript:' not in margin.lower()


def many_annotations(article, count: int) -> None:
    editors = [user_factory("editor") for _ in range(3)]
    paragraphs = list(article.paragraphs.all())
    for number in range(count):
        paragraph = paragraphs[number % len(paragraphs)]
        if number % 2:
            annotation = annotation_factory(
                paragraph=paragraph,
                author=editors[number % 3],
                kind=Kind.CLAIM,
                claim_text=f"Claim {number}.",
                claimant="A minister",
                verdict="false",
                evidence=[Evidence(f"https://example.org/{number}", "Source")],
            )
        else:
            annotation = annotation_factory(
                paragraph=paragraph, author=editors[number % 3], quote="summit's stakes"
            )
        reply_create(parent=annotation, author=editors[(number + 1) % 3], body="Agreed.")


@pytest.mark.parametrize("role", [None, "reader", "editor", "moderator"])
def test_article_page_costs_the_same_queries_with_200_annotations_as_with_none(
    client, count_queries, role
):
    if role:
        client.force_login(user_factory(role))
    empty = article_factory(paragraphs=8)
    full = article_factory(paragraphs=8)
    many_annotations(full, 200)

    def render(article):
        return lambda: client.get(article.get_absolute_url())

    with_none = count_queries(render(empty))
    with_many = count_queries(render(full))
    assert with_many == with_none
    assert with_many <= 12
    assert page(client, full).count('class="annotation ') == 200


def test_cards_stand_in_text_order_not_creation_order(client, article):
    second = article.paragraphs.get(position=2)
    annotation_factory(paragraph=second, quote="neighbours", body="Last words.")
    annotation_factory(paragraph=second, quote="trade", body="Middle words.")
    annotation_factory(paragraph=second, body="The whole paragraph.")
    margin = margin_of(page(client, article), 2)
    bodies = ("The whole paragraph.", "Middle words.", "Last words.")
    order = [margin.index(body) for body in bodies]
    assert order == sorted(order)


def test_a_paragraph_shows_three_cards_and_keeps_the_rest_behind_n_more(client, article):
    second = article.paragraphs.get(position=2)
    for number in range(5):
        annotation_factory(paragraph=second, body=f"Note number {number}.")
    margin = margin_of(page(client, article), 2)
    shown, more = margin.split('<details class="more-annotations')
    assert [f"Note number {n}." in shown for n in range(5)] == [True] * 3 + [False] * 2
    assert "2 more annotations" in more
    assert "Note number 3." in more and "Note number 4." in more
    assert "5 annotations" in shown  # the count names them all


def test_three_cards_need_no_more_button(client, article):
    second = article.paragraphs.get(position=2)
    for number in range(3):
        annotation_factory(paragraph=second, body=f"Note number {number}.")
    assert "more-annotations" not in margin_of(page(client, article), 2)

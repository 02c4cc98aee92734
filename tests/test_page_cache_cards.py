"""Annotation cards are kept rendered under what they show: signed-in editors, who never get
a cached page, still see every change to a card at once, and only their own controls."""

from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from annotations.models import Kind
from annotations.services import Evidence, reply_create
from people.services import profile_update
from tests.factories import annotation_factory, article_factory, leader_factory, user_factory
from tests.test_page_cache import html, signed_in

pytestmark = pytest.mark.django_db


def card(page: str) -> str:
    """The first annotation card on the page (the page's head names claimants too)."""
    return page.split('<article class="annotation')[1].split("</article>")[0]


@pytest.fixture
def article():
    return article_factory(paragraphs=3)


def test_an_editors_cards_show_a_reply_written_since_their_last_load(article):
    reader, _ = signed_in("editor")
    note = annotation_factory(paragraph=article.paragraphs.first())
    assert "Written by a colleague." not in html(reader, article.get_absolute_url())
    colleague, _ = signed_in("editor")

    colleague.post(
        reverse("annotations:reply", args=[note.pk]), {"body": "Written by a colleague."}
    )

    assert "Written by a colleague." in html(reader, article.get_absolute_url())


def test_an_editors_cards_show_an_edit_of_a_reply(article):
    reader, _ = signed_in("editor")
    note = annotation_factory(paragraph=article.paragraphs.first())
    replier, author = signed_in("editor")
    reply = reply_create(parent=note, author=author, body="A first reply.")
    assert "A first reply." in html(reader, article.get_absolute_url())

    replier.post(
        reverse("annotations:edit", args=[reply.pk]),
        {"body": "A reply put better.", "version": reply.version},
    )

    assert "A reply put better." in card(html(reader, article.get_absolute_url()))


def test_an_editors_cards_show_an_edit_and_a_new_display_name(article):
    reader, _ = signed_in("editor")
    author = user_factory("editor")
    note = annotation_factory(paragraph=article.paragraphs.first(), author=author, body="Old.")
    assert "Old." in html(reader, article.get_absolute_url())
    writer = Client()
    writer.force_login(author)

    writer.post(
        reverse("annotations:edit", args=[note.pk]),
        {"kind": "note", "body": "New.", "version": note.version},
    )
    profile_update(user=author, display_name="Ha Eun")

    page = html(reader, article.get_absolute_url())
    assert "New." in page
    assert "Note by Ha Eun" in page


def test_a_claims_card_follows_its_claimants_name(article):
    leader = leader_factory(name="Yoon Suk Yeol")
    annotation_factory(
        paragraph=article.paragraphs.first(),
        kind=Kind.CLAIM,
        claim_text="Exports doubled.",
        claimant_leader=leader,
        verdict="false",
        evidence=[Evidence("https://example.org/figures", "Figures")],
    )
    reader, _ = signed_in("editor")
    assert "Yoon Suk Yeol" in card(html(reader, article.get_absolute_url()))

    leader.name = "Former President Yoon"
    leader.save()

    assert "Former President Yoon" in card(html(reader, article.get_absolute_url()))


def test_a_moderators_hide_link_comes_back_to_the_page_it_was_followed_from(article):
    moderator, _ = signed_in("moderator")
    note = annotation_factory(paragraph=article.paragraphs.first())
    plain = article.get_absolute_url()
    highlighted = plain + "?mentions=on"

    html(moderator, plain)
    page = html(moderator, highlighted)

    hide = reverse("annotations:hide", args=[note.pk])
    assert f"{hide}?next={quote(highlighted)}%23a{note.pk}" in page
    assert f"{hide}?next={quote(plain)}%23a{note.pk}" in html(moderator, plain)


def test_a_reader_without_powers_sees_the_same_cards_as_an_anonymous_reader(client, article):
    annotation_factory(paragraph=article.paragraphs.first(), body="Shared card.")
    reader, _ = signed_in("reader")

    signed = html(reader, article.get_absolute_url())
    anonymous = html(client, article.get_absolute_url())

    assert card(anonymous) in signed
    assert "Edit</a>" not in card(anonymous)

"""A correction that moves an annotation by anything but its exact words marks it moved:
its card shows the old and new words, and it waits for an editor's review."""

import pytest
from django.db import transaction
from django.urls import reverse

from annotations.anchoring import FUZZY_THRESHOLD
from annotations.models import Action, Annotation, Kind
from annotations.services import reply_create
from articles.models import Paragraph
from articles.paragraphs import paragraphs_replace
from tests.factories import annotation_factory, article_factory, user_factory

pytestmark = pytest.mark.django_db

TALKS = (
    "The summit was long and tense: after more than five hours of talks in Beijing on "
    "Thursday, the two leaders agreed to resume the shuttle diplomacy of old."
)
BUDGET = (
    "The minister promised on {day} that the budget would be balanced by 2026, a promise "
    "he has made, and broken, twice before."
)
BUDGET_QUOTE = "the budget would be balanced by 2026"


def article_with(*texts):
    article = article_factory(paragraphs=0)
    Paragraph.objects.bulk_create(
        Paragraph(article=article, position=number, text=text)
        for number, text in enumerate(texts, start=1)
    )
    return article


def correct(article, *texts):
    """Replace the article's paragraphs, as a re-import or an admin edit does."""
    with transaction.atomic():
        paragraphs_replace(article=article, texts=texts)


def on(article, position, quote="", **content):
    return annotation_factory(
        paragraph=article.paragraphs.get(position=position), quote=quote, **content
    )


def claim(article, position, quote):
    return on(
        article,
        position,
        quote,
        kind=Kind.CLAIM,
        body="The talks ran for five hours and twenty minutes.",
        claim_text="The talks lasted more than five hours.",
        claimant="The foreign ministry",
        verdict="true",
    )


def fresh(annotation):
    return Annotation.objects.select_related("paragraph").get(pk=annotation.pk)


def card_html(client, annotation):
    page = client.get(annotation.article.get_absolute_url()).content.decode()
    start = page.index(f'id="a{annotation.pk}"')
    return page[start : page.index("</article>", start)]


def test_corrected_words_under_a_claim_mark_it_moved_with_a_word_diff_on_its_card(client):
    """The real case: "more than five hours" corrected to "nearly six hours"."""
    article = article_with(TALKS)
    checked = claim(article, 1, "more than five hours of talks")
    correct(article, TALKS.replace("more than five hours", "nearly six hours"))

    moved = fresh(checked)
    assert moved.quote_exact == "nearly six hours of talks"
    assert moved.needs_review and moved.move_method == "context"
    assert moved.moved_from_quote == "more than five hours of talks"
    card = card_html(client, moved)
    assert "The words it quotes were changed" in card
    assert '<del><span class="visually-hidden">removed: </span>more than five </del>' in card
    assert '<ins><span class="visually-hidden">added: </span>nearly six </ins>' in card
    assert "Verdict needs re-checking" in card
    assert "Review this move" not in card  # readers see the notice, not the review


def test_an_exact_move_stays_silent(client):
    article = article_with("A first paragraph about the weather.", TALKS)
    checked = claim(article, 2, "more than five hours of talks")
    correct(article, f"A first paragraph about the weather. {TALKS}")  # merged

    moved = fresh(checked)
    assert moved.paragraph.position == 1 and not moved.needs_review
    assert "changed" not in card_html(client, moved)
    [move] = moved.revisions.filter(action=Action.REANCHOR)
    assert move.reason == "Placed by exact match in paragraph 1."


def test_changed_words_around_an_exact_quote_are_a_move_too():
    article = article_with(TALKS)
    note = on(article, 1, "five hours of talks")
    correct(article, TALKS.replace("more than", "well over"))
    moved = fresh(note)
    assert moved.quote_exact == "five hours of talks"
    assert moved.needs_review and moved.move_method == "surroundings"
    assert not moved.words_changed


def test_a_whole_paragraph_note_whose_paragraph_was_corrected_is_marked_moved():
    article = article_with(TALKS, "A second paragraph.")
    note = on(article, 1)
    correct(article, TALKS.replace("Thursday", "Friday"), "A second paragraph.")
    moved = fresh(note)
    assert moved.needs_review and moved.move_method == "paragraph"
    assert [piece.text for piece in moved.moved_words if piece.op != "equal"] == [
        "Thursday, ",
        "Friday, ",
    ]
    [move] = moved.revisions.filter(action=Action.REANCHOR)
    assert "whose text was changed" in move.reason


def test_an_annotation_never_jumps_to_a_look_alike_in_an_unedited_paragraph():
    """Two near-identical paragraphs, only the second edited."""
    monday, tuesday = BUDGET.format(day="Monday"), BUDGET.format(day="Tuesday")
    article = article_with(monday, tuesday)
    on_unedited = on(article, 1, BUDGET_QUOTE)
    on_edited = on(article, 2, BUDGET_QUOTE)
    correct(article, monday, tuesday.replace("by 2026", "by 2027"))

    stayed, moved = fresh(on_unedited), fresh(on_edited)
    assert (stayed.paragraph.position, stayed.quote_exact) == (1, BUDGET_QUOTE)
    assert not stayed.needs_review and stayed.revisions.count() == 1
    assert moved.paragraph.position == 2
    assert moved.quote_exact == "the budget would be balanced by 2027"
    assert moved.needs_review


def test_a_quote_gone_from_its_paragraph_is_orphaned_not_put_on_a_look_alike():
    monday, tuesday = BUDGET.format(day="Monday"), BUDGET.format(day="Tuesday")
    article = article_with(monday, tuesday)
    on_edited = on(article, 2, BUDGET_QUOTE)
    correct(article, monday, "The minister promised on Tuesday that spending would rise.")

    lost = fresh(on_edited)
    assert lost.paragraph is None and lost.quote_exact == BUDGET_QUOTE
    assert not lost.needs_review
    assert lost.revisions.filter(action=Action.ORPHAN).exists()


def test_replies_follow_their_thread_when_it_moves_and_when_it_is_orphaned():
    first, second, third = "An opening line.", "The talks resumed.", TALKS
    article = article_with(first, second, third)
    moving = on(article, 3, "more than five hours of talks")
    losing = on(article, 1, "An opening line")
    moving_reply = reply_create(parent=moving, author=user_factory("editor"), body="Agreed.")
    losing_reply = reply_create(parent=losing, author=user_factory("editor"), body="Sure.")
    correct(article, "A different opening.", f"{second} {third}")  # 2 and 3 merged

    merged = article.paragraphs.get(position=2)
    assert fresh(moving).paragraph_id == merged.pk
    assert fresh(moving_reply).paragraph_id == merged.pk
    assert fresh(losing).paragraph_id is None
    assert fresh(losing_reply).paragraph_id is None


RATE = "Today the central bank raised its key rate by half a point."
RATE_QUOTE = "the central bank raised its key rate by half a point"


@pytest.mark.parametrize(
    ("corrected", "placed"),
    [
        ("Today the central bank lifted its main rate by half a point.", True),  # 86.5
        ("Today the central bank lifted its policy rate by half a point.", False),  # 84.6
    ],
)
def test_a_quote_at_the_fuzzy_threshold_moves_marked_or_is_orphaned(corrected, placed):
    assert FUZZY_THRESHOLD == 85  # the scores in the cases are either side of it
    article = article_with(RATE)
    note = on(article, 1, RATE_QUOTE)
    correct(article, corrected)
    after = fresh(note)
    if placed:
        assert after.paragraph.position == 1 and after.move_method == "fuzzy"
        assert after.needs_review
        assert after.quote_exact == corrected[6:-1]
    else:
        assert after.paragraph is None and after.quote_exact == RATE_QUOTE


def test_a_second_correction_keeps_the_words_before_the_first_for_the_review():
    article = article_with(TALKS)
    checked = claim(article, 1, "more than five hours of talks")
    correct(article, TALKS.replace("more than five hours", "nearly six hours"))
    correct(article, TALKS.replace("more than five hours", "almost six hours"))
    moved = fresh(checked)
    assert moved.quote_exact == "almost six hours of talks"
    assert moved.moved_from_quote == "more than five hours of talks"
    assert moved.revisions.filter(action=Action.REANCHOR).count() == 2


def test_a_moved_annotation_orphaned_by_a_later_correction_keeps_its_first_words():
    article = article_with(TALKS, "A second paragraph.")
    checked = claim(article, 1, "more than five hours of talks")
    correct(
        article, TALKS.replace("more than five hours", "nearly six hours"), "A second paragraph."
    )
    correct(article, "The summit ended without a statement.", "A second paragraph.")
    lost = fresh(checked)
    assert lost.paragraph is None and not lost.needs_review
    assert lost.quote_exact == "more than five hours of talks"


# -- the review list -----------------------------------------------------------------------


@pytest.fixture
def moved_claim():
    article = article_with(TALKS)
    checked = claim(article, 1, "more than five hours of talks")
    correct(article, TALKS.replace("more than five hours", "nearly six hours"))
    return fresh(checked)


def test_review_list_is_for_editors_and_moderators_only(client, moved_claim):
    url = reverse("annotations:moved")
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    client.force_login(user_factory("reader"))
    assert client.get(url).status_code == 403
    for role in ("editor", "moderator"):
        client.force_login(user_factory(role))
        assert "nearly six" in client.get(url).content.decode()


@pytest.mark.parametrize("action", ["move_confirm", "move_orphan", "reattach"])
def test_review_actions_are_refused_to_readers_and_anonymous_visitors(client, moved_claim, action):
    url = reverse(f"annotations:{action}", args=[moved_claim.pk])
    response = client.post(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    client.force_login(user_factory("reader"))
    assert client.post(url).status_code == 403
    assert fresh(moved_claim).needs_review


def test_review_list_shows_author_place_and_old_and_new_words_in_few_queries(
    client, django_assert_max_num_queries
):
    articles = [article_with("An opening line.", TALKS) for _ in range(6)]
    for article in articles:
        claim(article, 2, "more than five hours of talks")
        correct(article, "An opening line.", TALKS.replace("more than five", "nearly six"))
    client.force_login(user_factory("editor"))
    with django_assert_max_num_queries(6):
        page = client.get(reverse("annotations:moved")).content.decode()
    assert page.count("The words it quotes were changed") == 6
    assert page.count("Verdict needs re-checking") == 6
    assert "now on <a" in page and "paragraph 2</a>" in page
    assert page.count("Confirm the new place") == 6
    assert page.count("Leave it orphaned") == 6
    assert page.count("It was moved by the words around it") == 6
    assert "Re-attach elsewhere" not in page  # not the author, not a moderator


def test_any_editor_confirms_the_new_place_and_the_notice_goes(client, moved_claim):
    editor = user_factory("editor")
    client.force_login(editor)
    response = client.post(reverse("annotations:move_confirm", args=[moved_claim.pk]))
    assert response.status_code == 302
    confirmed = fresh(moved_claim)
    assert not confirmed.needs_review
    assert confirmed.quote_exact == "nearly six hours of talks"
    assert confirmed.revisions.filter(action=Action.CONFIRM, actor=editor).exists()
    assert "needs re-checking" not in card_html(client, confirmed)
    listing = client.get(reverse("annotations:moved")).content.decode()
    assert "No moved annotations wait for review." in listing


def test_leaving_it_orphaned_restores_the_old_quote_and_lists_it_as_an_orphan(client, moved_claim):
    reply = reply_create(parent=moved_claim, author=user_factory("editor"), body="Right.")
    editor = user_factory("editor")
    client.force_login(editor)
    client.post(reverse("annotations:move_orphan", args=[moved_claim.pk]))
    orphan = fresh(moved_claim)
    assert orphan.paragraph is None and not orphan.needs_review
    assert orphan.quote_exact == "more than five hours of talks"
    assert fresh(reply).paragraph_id is None
    [detach] = orphan.revisions.filter(action=Action.DETACH, actor=editor)
    assert detach.previous["quote"]["exact"] == "nearly six hours of talks"
    orphans = client.get(reverse("annotations:orphans")).content.decode()
    assert "more than five hours of talks" in orphans


def test_its_author_re_attaches_it_elsewhere_in_one_revision(client, moved_claim):
    client.force_login(moved_claim.author)
    listing = client.get(reverse("annotations:moved")).content.decode()
    reattach = reverse("annotations:reattach", args=[moved_claim.pk])
    assert f'href="{reattach}">Re-attach elsewhere' in listing
    page = client.get(reattach)
    assert page.status_code == 200 and "Re-attach a moved annotation" in page.content.decode()
    assert fresh(moved_claim).paragraph is not None  # opening the form moves nothing
    response = client.post(reattach, {"position": 1, "quote": "the two leaders agreed"})
    assert response.status_code == 302
    reattached = fresh(moved_claim)
    assert reattached.quote_exact == "the two leaders agreed"
    assert not reattached.needs_review
    assert list(reattached.revisions.values_list("action", flat=True)) == [
        Action.CREATE,
        Action.REANCHOR,
        Action.REATTACH,
    ]


def test_another_editor_may_not_re_attach_it(client, moved_claim):
    client.force_login(user_factory("editor"))
    reattach = reverse("annotations:reattach", args=[moved_claim.pk])
    assert client.get(reattach).status_code == 403
    response = client.post(reattach, {"position": 1, "quote": "the two leaders agreed"})
    assert response.status_code == 403
    assert fresh(moved_claim).needs_review


def test_an_annotation_on_its_own_words_is_not_re_attached(client, moved_claim):
    client.force_login(user_factory("moderator"))
    client.post(reverse("annotations:move_confirm", args=[moved_claim.pk]))
    reattach = reverse("annotations:reattach", args=[moved_claim.pk])
    response = client.post(reattach, {"position": 1, "quote": "the two leaders agreed"})
    assert response.status_code == 400
    assert fresh(moved_claim).quote_exact == "nearly six hours of talks"


def test_a_settled_move_cannot_be_settled_twice(client, moved_claim):
    client.force_login(user_factory("editor"))
    client.post(reverse("annotations:move_confirm", args=[moved_claim.pk]))
    response = client.post(reverse("annotations:move_orphan", args=[moved_claim.pk]), follow=True)
    assert "No move of this annotation waits for review." in response.content.decode()
    assert fresh(moved_claim).paragraph is not None


def test_editors_see_a_link_to_review_the_move_on_the_card(client, moved_claim):
    client.force_login(user_factory("editor"))
    assert "Review this move" in card_html(client, moved_claim)


def test_a_deleted_paragraphs_annotation_is_orphaned_not_moved_onto_its_twin():
    monday, tuesday = BUDGET.format(day="Monday"), BUDGET.format(day="Tuesday")
    article = article_with(TALKS, monday, tuesday)
    note = on(article, 3, BUDGET_QUOTE, body="Balanced by 2026? Look at the deficit.")
    correct(article, TALKS, monday)  # the Tuesday paragraph is deleted outright
    orphan = fresh(note)
    assert orphan.paragraph is None and orphan.quote_exact == BUDGET_QUOTE
    assert not orphan.needs_review


def test_a_deleted_paragraphs_words_follow_it_into_a_merged_paragraph():
    monday = BUDGET.format(day="Monday")
    article = article_with(monday, TALKS)
    note = on(article, 2, "shuttle diplomacy of old")
    correct(article, monday + " " + TALKS)  # the two paragraphs become one
    moved = fresh(note)
    assert moved.paragraph.position == 1
    assert moved.paragraph.text[moved.quote_start : moved.quote_end] == "shuttle diplomacy of old"

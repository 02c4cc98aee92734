"""Moderation: replies under hidden or deleted annotations, restoring with a reason, the
hide and restore pages, the queue of hidden annotations, and landing back where one was."""

import re
from datetime import datetime
from html import escape
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from annotations.limits import REASON_MAX_CHARS, too_long
from annotations.models import Action, Annotation, Revision, Status
from annotations.services import (
    annotation_delete,
    annotation_hide,
    annotation_restore,
    reply_create,
)
from tests.factories import annotation_factory, user_factory

pytestmark = pytest.mark.django_db

REPLY_ROLES = ["anonymous", "editor", "moderator", "editor-and-moderator", "staff", "superuser"]


def role_user(role: str):
    if role == "anonymous":
        return None
    if role == "editor-and-moderator":
        user = user_factory("editor")
        user.groups.add(*user_factory("moderator").groups.all())
        return user
    return user_factory(role)


def parent_in(state: str) -> Annotation:
    annotation = annotation_factory()
    if state == "hidden":
        annotation_hide(annotation=annotation, actor=user_factory("moderator"), reason="Spam.")
    else:
        annotation_delete(annotation=annotation, actor=annotation.author)
    annotation.refresh_from_db()
    return annotation


@pytest.mark.parametrize("state", ["hidden", "deleted"])
@pytest.mark.parametrize("role", REPLY_ROLES)
def test_a_reply_under_a_hidden_or_deleted_annotation_is_refused_for_every_role(
    client, state, role
):
    parent = parent_in(state)
    user = role_user(role)
    if user is not None:
        client.force_login(user)
    rows = Annotation.objects.count()

    response = client.post(reverse("annotations:reply", args=[parent.pk]), {"body": "Me too."})

    if response.status_code == 302:
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code in (400, 403, 404)
    assert Annotation.objects.count() == rows
    assert not parent.replies.exists()


@pytest.mark.parametrize("state", ["hidden", "deleted"])
def test_the_reply_service_refuses_a_hidden_or_deleted_parent(state):
    parent = parent_in(state)
    with pytest.raises(ValidationError, match="not open for replies"):
        reply_create(parent=parent, author=user_factory("superuser"), body="Me too.")
    assert not parent.replies.exists()


def test_a_parent_hidden_after_it_was_loaded_takes_no_reply():
    """The service reads the parent's status as the database has it, not as handed in."""
    parent = annotation_factory()
    stale = type(parent).objects.get(pk=parent.pk)
    annotation_hide(annotation=parent, actor=user_factory("moderator"), reason="Off topic.")
    with pytest.raises(ValidationError, match="not open for replies"):
        reply_create(parent=stale, author=user_factory("editor"), body="Me too.")
    assert not parent.replies.exists()


# ---- Hiding and restoring: the pages show the annotation; restoring asks why ----


def hidden_annotation(**content) -> Annotation:
    annotation = annotation_factory(**content)
    annotation_hide(annotation=annotation, actor=user_factory("moderator"), reason="Off topic.")
    annotation.refresh_from_db()
    return annotation


def test_the_hide_form_shows_the_annotation_its_author_and_its_paragraph(client):
    author = user_factory("editor", first_name="Mina", last_name="Park")
    annotation = annotation_factory(author=author, body="A note worth *hiding*.")
    client.force_login(user_factory("moderator"))

    page = client.get(reverse("annotations:hide", args=[annotation.pk])).content.decode()

    card, form = page.index("A note worth <em>hiding</em>."), page.index('name="reason"')
    assert card < form
    assert "Note by Mina Park" in page
    assert author.username not in page
    assert escape(annotation.paragraph.text) in page
    assert f"Paragraph {annotation.paragraph.position} of" in page


def test_the_restore_page_shows_the_annotation_and_asks_for_a_reason(client):
    annotation = hidden_annotation(body="A note that was hidden.")
    client.force_login(user_factory("moderator"))

    response = client.get(reverse("annotations:restore", args=[annotation.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("A note that was hidden.") < page.index('name="reason"')
    assert "Hidden: Off topic." in page
    annotation.refresh_from_db()
    assert annotation.status == Status.HIDDEN  # showing the form restores nothing


def test_restoring_without_a_reason_is_refused_and_keeps_it_hidden(client):
    annotation = hidden_annotation()
    client.force_login(user_factory("moderator"))

    response = client.post(reverse("annotations:restore", args=[annotation.pk]), {"reason": " "})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    annotation.refresh_from_db()
    assert annotation.status == Status.HIDDEN


def test_a_restore_reason_over_the_limit_is_refused_naming_the_field_and_limit(client):
    annotation = hidden_annotation()
    client.force_login(user_factory("moderator"))

    response = client.post(
        reverse("annotations:restore", args=[annotation.pk]),
        {"reason": "x" * (REASON_MAX_CHARS + 1)},
    )

    assert response.status_code == 400
    assert (
        too_long("The reason", REASON_MAX_CHARS, REASON_MAX_CHARS + 1) in response.content.decode()
    )
    annotation.refresh_from_db()
    assert annotation.status == Status.HIDDEN


def test_restoring_records_the_reason_in_the_history(client):
    annotation = hidden_annotation()
    client.force_login(user_factory("moderator"))

    response = client.post(
        reverse("annotations:restore", args=[annotation.pk]), {"reason": "A source was added."}
    )

    assert response.status_code == 302
    annotation.refresh_from_db()
    assert annotation.status == Status.VISIBLE
    revision = annotation.revisions.latest("version")
    assert (revision.action, revision.reason) == (Action.RESTORE, "A source was added.")
    history = client.get(annotation.get_absolute_url()).content.decode()
    assert "Restored</strong>" in history and "A source was added." in history


@pytest.mark.parametrize("reason", ["", "   ", "x" * (REASON_MAX_CHARS + 1)])
def test_the_restore_service_refuses_a_missing_or_overlong_reason(reason):
    annotation = hidden_annotation()
    with pytest.raises(ValidationError) as error:
        annotation_restore(annotation=annotation, actor=user_factory("moderator"), reason=reason)
    assert set(error.value.message_dict) == {"reason"}
    annotation.refresh_from_db()
    assert annotation.status == Status.HIDDEN


@pytest.mark.parametrize("role", ["editor", "staff"])
def test_only_moderators_restore_even_with_a_reason(client, role):
    annotation = hidden_annotation()
    author = annotation.author
    client.force_login(author if role == "editor" else user_factory("staff"))

    response = client.post(
        reverse("annotations:restore", args=[annotation.pk]), {"reason": "Mine."}
    )

    assert response.status_code == 404  # a hidden annotation does not exist for them
    annotation.refresh_from_db()
    assert annotation.status == Status.HIDDEN


# ---- Landing back where one was ----


def test_hiding_from_the_article_margin_returns_to_the_annotation_there(client):
    annotation = annotation_factory()
    client.force_login(user_factory("moderator"))
    article_url = annotation.article.get_absolute_url()
    margin = client.get(article_url).content.decode()
    hide_link = f"{reverse('annotations:hide', args=[annotation.pk])}?next="
    assert hide_link in margin

    form = client.get(hide_link + quote(f"{article_url}#a{annotation.pk}")).content.decode()
    assert f'name="next" value="{article_url}#a{annotation.pk}"' in form
    response = client.post(
        reverse("annotations:hide", args=[annotation.pk]),
        {"reason": "Spam.", "next": f"{article_url}#a{annotation.pk}"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"{article_url}#a{annotation.pk}"


def test_restoring_from_the_article_margin_returns_to_the_annotation_there(client):
    annotation = hidden_annotation()
    client.force_login(user_factory("moderator"))
    article_url = annotation.article.get_absolute_url()
    margin = client.get(article_url).content.decode()
    restore_link = f"{reverse('annotations:restore', args=[annotation.pk])}?next="
    assert restore_link in margin

    response = client.post(
        reverse("annotations:restore", args=[annotation.pk]),
        {"reason": "Fine after all.", "next": f"{article_url}#a{annotation.pk}"},
    )

    assert response["Location"] == f"{article_url}#a{annotation.pk}"


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "/x\nSet-Cookie: a=b", ""],
)
@pytest.mark.parametrize("action", ["hide", "restore"])
def test_a_next_address_off_the_site_falls_back_to_the_annotation_page(client, action, next_url):
    annotation = hidden_annotation() if action == "restore" else annotation_factory()
    client.force_login(user_factory("moderator"))

    response = client.post(
        reverse(f"annotations:{action}", args=[annotation.pk]),
        {"reason": "Because.", "next": next_url},
    )

    assert response.status_code == 302
    assert response["Location"] == annotation.get_absolute_url()


# ---- The moderation queue ----

QUEUE = "/annotations/moderation/"


def hide(annotation, moderator, reason="Off topic."):
    annotation_hide(annotation=annotation, actor=moderator, reason=reason)


def queue_titles(response) -> list[str]:
    return re.findall(r'class="item-title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def test_the_queue_lists_hidden_annotations_with_who_wrote_who_hid_when_and_why(client):
    author = user_factory("editor", first_name="Mina", last_name="Park")
    moderator = user_factory("moderator", first_name="Joon", last_name="Lee")
    hidden = annotation_factory(author=author, body="Buy cheap watches.")
    hide(hidden, moderator, reason="Spam.")
    annotation_factory(author=author, body="A visible note.")
    client.force_login(user_factory("moderator"))

    response = client.get(QUEUE)

    page = response.content.decode()
    assert response.status_code == 200
    assert queue_titles(response) == ["Note by Mina Park"]
    assert "Buy cheap watches." in page and "A visible note." not in page
    assert "Hidden by Joon Lee on <time" in page and "Spam." in page
    assert author.username not in page and moderator.username not in page
    assert hidden.article.title in page


def test_the_queue_is_for_moderators_only(client):
    assert client.get(QUEUE)["Location"].startswith(reverse("login"))
    for role in ("reader", "editor", "staff"):
        client.force_login(user_factory(role))
        assert client.get(QUEUE).status_code == 403


def test_the_queue_filters_by_editorial_author_moderator_and_day(client):
    first, second = user_factory("editor", first_name="First"), user_factory("editor")
    mod_a, mod_b = user_factory("moderator"), user_factory("moderator")
    by_first = annotation_factory(author=first)
    by_second = annotation_factory(author=second)
    hide(by_first, mod_a)
    hide(by_second, mod_b)
    Revision.objects.filter(annotation=by_second, action=Action.HIDE).update(
        created_at=datetime(2025, 3, 1, 12, 0, tzinfo=ZoneInfo("Asia/Seoul"))
    )
    client.force_login(mod_a)

    def shown(**query):
        return {a.pk for a in client.get(QUEUE, query).context["annotations"]}

    assert shown() == {by_first.pk, by_second.pk}
    assert shown(author=first.pk) == {by_first.pk}
    assert shown(hidden_by=mod_b.pk) == {by_second.pk}
    assert shown(article=by_second.article.slug) == {by_second.pk}
    assert shown(since="2025-03-01", until="2025-03-01") == {by_second.pk}
    assert shown(until="2025-02-28") == set()
    assert shown(since="2025-03-02") == {by_first.pk}


@pytest.mark.parametrize(
    "query",
    [
        {"author": "x"},
        {"author": "9" * 40},
        {"hidden_by": "-1"},
        {"article": "a b/../c"},
        {"article": "x" * 500},
        {"since": "0001-01-01"},
        {"until": "9999-12-31"},
        {"since": "2025-02-30"},
        {"since": "\uff12\uff10\uff12\uff15-01-01"},  # full-width digits
        {"kind": "moved"},
        {"kind": "<script>"},
    ],
)
def test_hostile_filter_values_are_ignored_or_match_nothing_never_a_500(client, query):
    hide(annotation_factory(), user_factory("moderator"))
    client.force_login(user_factory("moderator"))
    assert client.get(QUEUE, query).status_code == 200


def test_the_queue_is_paginated_and_its_queries_do_not_grow_with_its_rows(
    client, django_assert_max_num_queries
):
    moderator = user_factory("moderator")
    for number in range(35):
        annotation = annotation_factory(author=user_factory("editor"))
        hide(annotation, moderator if number % 2 else user_factory("moderator"))
    client.force_login(moderator)

    with django_assert_max_num_queries(11):
        response = client.get(QUEUE)

    assert len(queue_titles(response)) == 30
    assert "Page 1 of 2" in response.content.decode()
    assert len(queue_titles(client.get(QUEUE, {"page": 2}))) == 5


def test_restoring_from_the_queue_returns_to_the_queue_with_its_filters(client):
    moderator = user_factory("moderator")
    annotation = annotation_factory()
    hide(annotation, moderator)
    client.force_login(moderator)
    filtered = f"{QUEUE}?hidden_by={moderator.pk}&since=2020-01-01"
    page = client.get(filtered).content.decode()
    restore_link = (
        f"{reverse('annotations:restore', args=[annotation.pk])}?next={quote(filtered, safe='/')}"
    )
    assert restore_link in page

    form = client.get(restore_link).content.decode()
    response = client.post(
        reverse("annotations:restore", args=[annotation.pk]),
        {"reason": "Sourced.", "next": filtered},
    )

    assert 'name="next" value="' in form
    assert response["Location"] == filtered
    annotation.refresh_from_db()
    assert annotation.status == Status.VISIBLE
    assert list(client.get(response["Location"]).context["annotations"]) == []


def test_a_hidden_annotations_page_links_its_moderator_to_the_queue(client):
    annotation = hidden_annotation()
    client.force_login(user_factory("moderator"))

    page = client.get(annotation.get_absolute_url()).content.decode()

    assert f'in the <a href="{QUEUE}">moderation queue</a>' in page


def test_restoring_a_visible_annotation_offers_no_form_and_is_refused(client):
    annotation = annotation_factory()
    client.force_login(user_factory("moderator"))
    url = reverse("annotations:restore", args=[annotation.pk])

    form_page = client.get(url).content.decode()
    response = client.post(url, {"reason": "Why not."})

    assert "nothing to restore" in form_page and 'name="reason"' not in form_page
    assert response.status_code == 400
    assert "This annotation is visible." in response.content.decode()
    assert annotation.revisions.count() == 1


def moved_claim_on_an_editorial():
    from tests.test_reanchoring_review import TALKS, article_with, claim, correct

    article = article_with(TALKS)
    moved = claim(article, 1, "more than five hours of talks")
    correct(article, TALKS.replace("more than five hours", "nearly six hours"))
    return article, moved


def test_the_queue_leads_to_the_annotations_corrections_moved(client):
    moved_claim_on_an_editorial()
    client.force_login(user_factory("moderator"))

    page = client.get(reverse("annotations:moderation")).content.decode()

    assert "1 annotation moved by corrections of their editorial waits for review" in page
    assert 'href="?kind=moved"' in page


def test_the_queue_lists_moved_annotations_with_their_word_diff_and_review_actions(client):
    article, moved = moved_claim_on_an_editorial()
    annotation_factory(paragraph=article.paragraphs.first(), body="Not moved at all.")
    client.force_login(user_factory("moderator"))

    page = client.get(reverse("annotations:moderation"), {"kind": "moved"}).content.decode()

    assert "1 moved annotation" in page and "Not moved at all." not in page
    assert f'id="a{moved.pk}-review"' in page
    assert "<del" in page and "<ins" in page  # the old words against the new
    assert "Verdict needs re-checking" in page
    assert reverse("annotations:move_confirm", args=[moved.pk]) in page
    assert "q-hidden-by" not in page  # a moved annotation's queue has no moderator filter


def test_the_moved_queue_filters_by_day_moved(client):
    moved_claim_on_an_editorial()
    client.force_login(user_factory("moderator"))
    queue = reverse("annotations:moderation")

    later = client.get(queue, {"kind": "moved", "since": "2199-01-01"}).content.decode()
    earlier = client.get(queue, {"kind": "moved", "until": "2000-01-01"}).content.decode()
    today = client.get(queue, {"kind": "moved", "since": "2000-01-01"}).content.decode()

    assert "0 moved annotations" in later and "0 moved annotations" in earlier
    assert "1 moved annotation" in today


def test_confirming_a_move_from_the_queue_lands_back_on_the_queue(client):
    _, moved = moved_claim_on_an_editorial()
    client.force_login(user_factory("moderator"))
    here = reverse("annotations:moderation") + "?kind=moved&article="

    response = client.post(reverse("annotations:move_confirm", args=[moved.pk]), {"next": here})

    assert response.status_code == 302 and response["Location"] == here
    moved.refresh_from_db()
    assert not moved.needs_review


def deleted_note():
    note = annotation_factory(body="Deleted by mistake.")
    annotation_delete(annotation=note, actor=note.author)
    return note


def test_the_queue_lists_deleted_annotations_with_who_deleted_them(client):
    note = deleted_note()
    client.force_login(user_factory("moderator"))

    page = client.get(reverse("annotations:moderation"), {"kind": "deleted"}).content.decode()

    assert "1 deleted annotation" in page and "Deleted by mistake." in page
    assert "Deleted by " in page
    assert reverse("annotations:restore", args=[note.pk]) in page


def test_a_moderator_restores_a_deleted_annotation_from_the_web(client):
    note = deleted_note()
    client.force_login(user_factory("moderator"))
    restore = reverse("annotations:restore", args=[note.pk])

    assert client.get(restore).status_code == 200
    response = client.post(restore, {"reason": "Deleted by mistake, says its author."})

    assert response.status_code == 302
    note.refresh_from_db()
    assert note.status == Status.VISIBLE
    assert note.revisions.order_by("-version").first().reason.startswith("Deleted by mistake")


@pytest.mark.parametrize("role", ["editor", "staff", "anonymous"])
def test_nobody_else_reaches_a_deleted_annotation_not_even_its_author(client, role):
    note = deleted_note()
    user = note.author if role == "editor" else role_user(role)
    if user is not None:
        client.force_login(user)
    restore = reverse("annotations:restore", args=[note.pk])

    assert client.get(restore).status_code == 404
    assert client.post(restore, {"reason": "Mine."}).status_code == 404
    note.refresh_from_db()
    assert note.status == Status.DELETED
    assert client.get(reverse("annotations:detail", args=[note.pk])).status_code == 404


def test_a_reply_under_a_deleted_thread_waits_for_its_thread(client):
    thread = annotation_factory()
    reply = reply_create(parent=thread, author=user_factory("editor"), body="Under it.")
    annotation_delete(annotation=reply, actor=reply.author)
    annotation_delete(annotation=thread, actor=thread.author)
    client.force_login(user_factory("moderator"))

    assert client.get(reverse("annotations:restore", args=[reply.pk])).status_code == 404

"""Moderation: replies under hidden or deleted annotations, restoring with a reason, the
hide and restore pages, the queue of hidden annotations, and landing back where one was."""

from html import escape
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from annotations.limits import REASON_MAX_CHARS, too_long
from annotations.models import Action, Annotation, Status
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

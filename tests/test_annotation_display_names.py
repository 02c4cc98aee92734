"""Public pages name editors by their display name (chosen, else first and last name, else
"Editor <number>"), never by their login name; the author filter names them by number."""

import html
import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from annotations.models import Annotation
from annotations.services import AnnotationContent, annotation_update, reply_create
from people.models import Profile
from people.services import profile_update
from tests.factories import annotation_factory, article_factory, user_factory

pytestmark = pytest.mark.django_db

LOGIN = "secret-login-name"


@pytest.fixture
def author():
    return user_factory("editor", username=LOGIN)


@pytest.fixture
def annotated(author):
    """A note by the author with a reply by the author, and an orphan by them."""
    article = article_factory(paragraphs=2)
    note = annotation_factory(paragraph=article.paragraphs.first(), author=author, body="A note.")
    annotation_update(
        annotation=note,
        actor=author,
        expected_version=1,
        content=AnnotationContent(body="A note, edited."),
    )
    reply = reply_create(parent=note, author=author, body="My own reply.")
    orphan = annotation_factory(paragraph=article.paragraphs.last(), author=author)
    Annotation.objects.filter(pk=orphan.pk).update(paragraph=None)
    return {"article": article, "note": note, "reply": reply}


def public_pages(annotated) -> list[str]:
    note, article = annotated["note"], annotated["article"]
    return [
        article.get_absolute_url(),
        reverse("annotations:list"),
        note.get_absolute_url(),
        annotated["reply"].get_absolute_url(),
        reverse("annotations:reply", args=[note.pk]),
        reverse("annotations:orphans"),
        reverse("annotations:annotation", args=[article.slug, note.pk]),
        reverse("annotations:annotation", args=[article.slug, annotated["reply"].pk]),
        reverse("annotations:article_container", args=[article.slug]),
    ]


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def test_no_public_page_shows_the_login_name(client, author, annotated):
    # Signed in as another editor, who sees the reply form and the orphans too.
    client.force_login(user_factory("editor"))
    for url in public_pages(annotated):
        response = client.get(url)
        assert response.status_code == 200, url
        assert LOGIN not in text_of(response), url
        assert f"Editor {author.pk}" in text_of(response), url


def test_a_chosen_display_name_is_shown_everywhere(client, author, annotated):
    profile_update(user=author, display_name="Kim, Seoul desk")
    client.force_login(user_factory("editor"))
    for url in public_pages(annotated):
        page = text_of(client.get(url))
        assert "Kim, Seoul desk" in page, url
        assert LOGIN not in page, url


def test_the_first_and_last_name_stand_in_for_a_display_name(client):
    user = user_factory("editor", first_name="Ada", last_name="Byline")
    note = annotation_factory(author=user)
    assert "Note by Ada Byline" in text_of(client.get(note.get_absolute_url()))


def test_the_history_names_each_actor_by_display_name(client, author, annotated):
    page = text_of(client.get(annotated["note"].get_absolute_url()))
    assert f"Edited</strong> by Editor {author.pk} on" in page
    assert f"Created</strong> by Editor {author.pk} on" in page


def test_a_conflict_names_who_saved_the_newer_version(client):
    note = annotation_factory(body="Original.")
    other = user_factory("editor", username="other-login")
    profile_update(user=other, display_name="The other editor")
    annotation_update(
        annotation=note, actor=other, expected_version=1, content=AnnotationContent(body="New.")
    )
    client.force_login(note.author)
    url = reverse("annotations:edit", args=[note.pk])
    response = client.post(url, {"kind": "note", "body": "Stale.", "version": 1})
    assert response.status_code == 409
    assert "The other editor saved version 2" in text_of(response)
    assert "other-login" not in text_of(response)


def test_the_author_filter_takes_the_account_number(client, author, annotated):
    other = annotation_factory(body="Someone else's note.")
    page = text_of(client.get(reverse("annotations:list"), {"author": author.pk}))
    assert "A note, edited." in page
    assert "Someone else's note." not in page
    assert other.author.pk != author.pk


def test_the_authors_dropdown_shows_display_names_and_numbers(client, author, annotated):
    profile_update(user=author, display_name="Kim, Seoul desk")
    page = text_of(client.get(reverse("annotations:list")))
    assert f'<option value="{author.pk}">Kim, Seoul desk</option>' in page
    assert LOGIN not in page


def test_the_authors_dropdown_leaves_out_authors_of_nothing_readable(client):
    note = annotation_factory(body="Soon deleted.")
    profile_update(user=note.author, display_name="Only deleted work")
    Annotation.objects.filter(pk=note.pk).update(status="deleted")
    assert "Only deleted work" not in text_of(client.get(reverse("annotations:list")))


@pytest.mark.parametrize("value", [LOGIN, "abc", "12abc", "²", "9" * 40, "-1"])
def test_an_odd_author_filter_is_ignored(client, annotated, value):
    response = client.get(reverse("annotations:list"), {"author": value})
    assert response.status_code == 200
    assert "A note, edited." in text_of(response)


@pytest.mark.parametrize("value", ["no such editorial", "a" * 500, "ü\u202e"])
def test_an_odd_article_filter_matches_nothing(client, annotated, value):
    response = client.get(reverse("annotations:list"), {"article": value})
    assert response.status_code == 200
    assert "No annotation matches." in text_of(response)


@pytest.mark.parametrize("name", ["author", "article"])
def test_a_nul_in_a_filter_is_refused_or_ignored_never_an_error(client, annotated, name):
    response = client.get(reverse("annotations:list"), {name: "1\x00"})
    assert response.status_code in (200, 400)


def test_the_list_query_count_does_not_grow_with_named_authors(client, count_queries):
    def annotate_by_a_named_author(number):
        user = user_factory("editor")
        profile_update(user=user, display_name=f"Named author {number}")
        annotation_factory(author=user)

    annotate_by_a_named_author(0)
    small = count_queries(lambda: client.get(reverse("annotations:list")))
    for number in range(1, 20):
        annotate_by_a_named_author(number)
    assert count_queries(lambda: client.get(reverse("annotations:list"))) == small


def test_the_article_page_query_count_does_not_grow_with_named_authors(
    client, count_queries, django_assert_max_num_queries
):
    article = article_factory(paragraphs=3)
    note = annotation_factory(paragraph=article.paragraphs.first())
    small = count_queries(lambda: client.get(article.get_absolute_url()))
    for number in range(15):
        user = user_factory("editor")
        profile_update(user=user, display_name=f"Named author {number}")
        annotation_factory(paragraph=article.paragraphs.last(), author=user)
        reply_create(parent=note, author=user, body=f"Reply {number}.")
    with django_assert_max_num_queries(small):
        page = text_of(client.get(article.get_absolute_url()))
    assert "Named author 14" in page


# ---- Choosing a display name ----


def test_the_profile_page_asks_to_sign_in(client):
    response = client.get(reverse("people:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_editor_chooses_a_display_name_and_annotations_show_it(client, author, annotated):
    client.force_login(author)
    response = client.post(reverse("people:profile"), {"display_name": "  Kim   Min-ji "})
    assert response.status_code == 302
    assert Profile.objects.get(user=author).display_name == "Kim Min-ji"
    assert "Note by Kim Min-ji" in text_of(client.get(annotated["note"].get_absolute_url()))
    assert "Kim Min-ji" in text_of(client.get(reverse("people:profile")))


def test_an_empty_display_name_falls_back_to_the_account_number(client, author):
    profile_update(user=author, display_name="Kim")
    client.force_login(author)
    client.post(reverse("people:profile"), {"display_name": ""})
    assert f"Editor {author.pk}" in text_of(client.get(reverse("people:profile")))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("n" * 81, "The display name is too long: at most 80 characters"),
        ("Editor 0", "Choose a name that is not “Editor” and a number."),
        ("Kim\u202e", "control or invisible formatting characters"),
        ("KIM, SEOUL DESK", "Another account goes by this name"),
    ],
)
def test_a_display_name_that_may_not_be_used_is_refused(client, author, name, message):
    profile_update(user=user_factory("editor"), display_name="Kim, Seoul desk")
    client.force_login(author)
    response = client.post(reverse("people:profile"), {"display_name": name})
    assert response.status_code == 400
    assert message in text_of(response)
    assert not Profile.objects.filter(user=author).exists()


def admin_user_form(author, display_name: str) -> dict:
    return {
        "username": author.username,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "groups": [group.pk for group in author.groups.all()],
        "profile-TOTAL_FORMS": "1",
        "profile-INITIAL_FORMS": "0",
        "profile-MIN_NUM_FORMS": "0",
        "profile-MAX_NUM_FORMS": "1",
        "profile-0-display_name": display_name,
        "profile-0-user": str(author.pk),
    }


def test_staff_set_a_display_name_in_the_admin(client, author):
    client.force_login(user_factory("superuser"))
    url = reverse("admin:auth_user_change", args=[author.pk])
    assert "Display name" in text_of(client.get(url))
    response = client.post(url, admin_user_form(author, "Set by staff"))
    assert response.status_code == 302
    assert Profile.objects.get(user=author).display_name == "Set by staff"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("kim, seoul DESK", "Another account goes by this name"),
        ("Editor 0", "Choose a name that is not “Editor” and a number."),
    ],
)
def test_the_admin_refuses_a_display_name_that_may_not_be_used(client, author, name, message):
    profile_update(user=user_factory("editor"), display_name="Kim, Seoul desk")
    client.force_login(user_factory("superuser"))
    url = reverse("admin:auth_user_change", args=[author.pk])
    response = client.post(url, admin_user_form(author, name))
    assert response.status_code == 200
    assert message in text_of(response)
    assert not Profile.objects.filter(user=author).exists()


def test_json_ld_names_the_creator_without_the_login(client, author, annotated):
    data = client.get(
        reverse("annotations:annotation", args=[annotated["article"].slug, annotated["note"].pk])
    ).json()
    assert data["creator"]["id"].endswith(f"/annotations/?author={author.pk}")
    assert LOGIN not in json.dumps(data)
    assert get_user_model().objects.get(pk=author.pk).username == LOGIN

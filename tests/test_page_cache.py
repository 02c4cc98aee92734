"""Anonymous readers get cached pages, and every write a reader should see shows at once:
an annotation written, edited, replied to, hidden, restored or deleted through the pages, a
corrected editorial re-imported, a tag changed in the admin, a name changed."""

from io import StringIO

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.management import call_command
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import reverse

from annotations.models import Annotation
from articles.gazetteer.loading import gazetteer_load
from articles.importing import editorials_import
from articles.models import Article, Country
from articles.paragraphs import paragraphs_replace
from articles.sources import opened_sources
from people.services import profile_update
from tests.factories import annotation_factory, article_factory, user_factory
from tests.sample_editorials import editorial_variant, sample_paragraphs, write_editorial
from tests.test_admin import change_form_data

pytestmark = pytest.mark.django_db


def signed_in(role: str) -> tuple[Client, object]:
    """A second browser, signed in with a new account in `role`."""
    user = user_factory(role)
    browser = Client()
    browser.force_login(user)
    return browser, user


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def article():
    return article_factory(paragraphs=3, countries=["Japan"])


@pytest.fixture
def cached(client, article) -> str:
    """The editorial's page, as an anonymous reader has just cached it."""
    return html(client, article.get_absolute_url())


def test_a_second_anonymous_load_is_the_same_page_for_fewer_queries(client, article, count_queries):
    annotation_factory(paragraph=article.paragraphs.first(), body="A cached note.")
    url = article.get_absolute_url()
    pages = []

    first = count_queries(lambda: pages.append(html(client, url)))
    second = count_queries(lambda: pages.append(html(client, url)))

    assert second < first
    assert second <= 2  # the editorial's id, which names its versions, and the versions
    assert pages[0] == pages[1]
    assert "A cached note." in pages[1]


def test_a_note_an_editor_writes_shows_on_the_next_anonymous_load(client, article, cached):
    editor, _ = signed_in("editor")
    response = editor.post(
        reverse("annotations:create", args=[article.slug, 2]),
        {"kind": "note", "body": "Written after the page was cached."},
    )
    assert response.status_code == 302

    assert "Written after the page was cached." in html(client, article.get_absolute_url())


def test_an_edit_shows_on_the_next_anonymous_load(client, article):
    editor, user = signed_in("editor")
    note = annotation_factory(paragraph=article.paragraphs.first(), author=user, body="Before.")
    assert "Before." in html(client, article.get_absolute_url())

    response = editor.post(
        reverse("annotations:edit", args=[note.pk]),
        {"kind": "note", "body": "After the edit.", "version": note.version},
    )
    assert response.status_code == 302

    page = html(client, article.get_absolute_url())
    assert "After the edit." in page
    assert "Before." not in page


def test_a_reply_shows_on_the_next_anonymous_load(client, article):
    note = annotation_factory(paragraph=article.paragraphs.first())
    assert "A reply to the note." not in html(client, article.get_absolute_url())
    editor, _ = signed_in("editor")

    response = editor.post(
        reverse("annotations:reply", args=[note.pk]), {"body": "A reply to the note."}
    )
    assert response.status_code == 302

    assert "A reply to the note." in html(client, article.get_absolute_url())


def test_hiding_and_restoring_show_on_the_next_anonymous_loads(client, article):
    annotation_factory(paragraph=article.paragraphs.first(), body="Soon hidden.")
    note = Annotation.objects.get()
    assert "Soon hidden." in html(client, article.get_absolute_url())
    moderator, _ = signed_in("moderator")

    response = moderator.post(reverse("annotations:hide", args=[note.pk]), {"reason": "Spam."})
    assert response.status_code == 302
    assert "Soon hidden." not in html(client, article.get_absolute_url())

    response = moderator.post(reverse("annotations:restore", args=[note.pk]), {"reason": "Fine."})
    assert response.status_code == 302
    assert "Soon hidden." in html(client, article.get_absolute_url())


def test_a_deleted_annotation_leaves_the_next_anonymous_load(client, article):
    editor, user = signed_in("editor")
    note = annotation_factory(paragraph=article.paragraphs.first(), author=user, body="Doomed.")
    assert "Doomed." in html(client, article.get_absolute_url())

    response = editor.post(reverse("annotations:delete", args=[note.pk]), {})
    assert response.status_code == 302

    assert "Doomed." not in html(client, article.get_absolute_url())


def test_a_display_name_change_shows_on_the_cards_of_the_next_anonymous_load(client, article):
    author = user_factory("editor")
    annotation_factory(paragraph=article.paragraphs.first(), author=author)
    assert "Kim Min-ji" not in html(client, article.get_absolute_url())

    profile_update(user=author, display_name="Kim Min-ji")

    assert "Note by Kim Min-ji" in html(client, article.get_absolute_url())


def import_text(folder, text: str) -> str:
    folder.mkdir(exist_ok=True)
    name = f"{len(list(folder.iterdir())):03}.txt"
    write_editorial(folder, name, text)
    with opened_sources([folder / name]) as sources:
        return editorials_import(sources=sources).summary()


def test_a_reimported_correction_shows_on_the_next_anonymous_load(client, tmp_path):
    import_text(tmp_path, editorial_variant())
    imported = Article.objects.get()
    original = sample_paragraphs()
    assert original[1] in html(client, imported.get_absolute_url())
    corrected = "A corrected second paragraph, as the paper reprinted it."

    summary = import_text(
        tmp_path, editorial_variant(paragraphs=[original[0], corrected, *original[2:]])
    )
    assert summary == "imported 0, updated 1, unchanged 0, failed 0"

    page = html(client, imported.get_absolute_url())
    assert corrected in page
    assert original[1] not in page


def test_an_import_shows_on_the_next_anonymous_load_of_the_home_page(client, tmp_path):
    untagged = article_factory()  # nothing for the import's tagger to find
    assert untagged.title in html(client, "/")

    import_text(tmp_path, editorial_variant())

    assert Article.objects.exclude(pk=untagged.pk).get().title in html(client, "/")


def test_a_title_corrected_in_the_admin_shows_on_the_next_anonymous_load(
    client, admin_client, article, cached
):
    response = admin_client.post(
        f"/admin/articles/article/{article.pk}/change/",
        change_form_data(article, title="A Corrected Title"),
    )
    assert response.status_code == 302

    assert "A Corrected Title" in html(client, article.get_absolute_url())
    assert "A Corrected Title" in html(client, "/")


def test_an_editorial_saved_outside_the_admin_shows_on_the_next_anonymous_load(
    client, article, cached
):
    article.title = "Saved From a Script"
    article.save()

    assert "Saved From a Script" in html(client, article.get_absolute_url())


def test_paragraphs_replaced_by_the_service_show_on_the_next_anonymous_load(
    client, article, cached
):
    paragraphs_replace(article=article, texts=["Only this paragraph is left."])

    assert "Only this paragraph is left." in html(client, article.get_absolute_url())


def test_a_tag_added_through_the_tag_manager_shows_on_the_next_anonymous_load(client, article):
    peru = Country.objects.create(name="Peru")
    assert peru.get_absolute_url() not in html(client, article.get_absolute_url())

    article.countries.add(peru)

    assert peru.get_absolute_url() in html(client, article.get_absolute_url())


def test_a_tag_changed_in_the_admin_shows_on_the_article_and_entity_pages(
    client, admin_client, article, cached
):
    japan = Country.objects.get(name="Japan")
    assert article.title in html(client, japan.get_absolute_url())

    response = admin_client.post(
        f"/admin/articles/article/{article.pk}/change/", change_form_data(article, countries="Peru")
    )
    assert response.status_code == 302

    peru = Country.objects.get(name="Peru")
    assert peru.get_absolute_url() in html(client, article.get_absolute_url())
    assert article.title not in html(client, japan.get_absolute_url())
    assert article.title in html(client, peru.get_absolute_url())


def test_retagging_shows_new_tags_on_the_next_anonymous_loads(client, article):
    gazetteer_load()
    oman = Country.objects.get(name="Oman")
    assert article.title not in html(client, oman.get_absolute_url())
    assert oman.get_absolute_url() not in html(client, article.get_absolute_url())
    article.paragraphs.filter(position=1).update(text="Japan and Oman signed a treaty.")

    call_command("retag_articles", stdout=StringIO())

    assert oman.get_absolute_url() in html(client, article.get_absolute_url())
    assert article.title in html(client, oman.get_absolute_url())


def co_mentions(page: str) -> str:
    return page.split('<section class="co-mentions"')[1].split("</section>")[0]


def test_co_mentions_follow_a_retag(client, admin_client, article):
    article_factory(countries=["Japan", "Chile"])
    japan = Country.objects.get(name="Japan")
    assert "Chile" in co_mentions(html(client, japan.get_absolute_url()))
    assert "Peru" not in co_mentions(html(client, japan.get_absolute_url()))

    response = admin_client.post(
        f"/admin/articles/article/{article.pk}/change/",
        change_form_data(article, countries="Japan, Peru"),
    )
    assert response.status_code == 302

    assert "Peru" in co_mentions(html(client, japan.get_absolute_url()))


def test_an_entity_renamed_in_the_admin_is_renamed_on_the_cached_article_page(
    client, article, cached
):
    japan = Country.objects.get(name="Japan")
    japan.name = "Nippon"
    japan.save()

    assert "Nippon" in html(client, article.get_absolute_url())


def test_an_annotation_count_on_the_home_page_follows_a_new_note(client, article):
    assert "1 annotation<" not in html(client, "/")

    annotation_factory(paragraph=article.paragraphs.first())

    assert "1 annotation<" in html(client, "/")


def test_a_signed_in_editor_never_gets_the_anonymous_page(client, article, cached):
    editor, _ = signed_in("editor")

    page = html(editor, article.get_absolute_url())

    assert "Annotate paragraph 1" in page
    assert "Sign out" in page
    assert "Annotate paragraph 1" not in cached


def test_an_anonymous_reader_never_gets_an_editors_page(client, article):
    editor, _ = signed_in("editor")
    assert "Annotate paragraph 1" in html(editor, article.get_absolute_url())

    page = html(client, article.get_absolute_url())

    assert "Annotate paragraph 1" not in page
    assert "Sign in" in page
    assert "Sign out" not in page


def test_one_editors_edit_buttons_never_reach_another_editor(article):
    first, author = signed_in("editor")
    note = annotation_factory(paragraph=article.paragraphs.first(), author=author)
    edit = reverse("annotations:edit", args=[note.pk])
    assert edit in html(first, article.get_absolute_url())

    second, _ = signed_in("editor")
    moderator, _ = signed_in("moderator")

    assert edit not in html(second, article.get_absolute_url())
    assert reverse("annotations:hide", args=[note.pk]) in html(
        moderator, article.get_absolute_url()
    )
    assert edit in html(first, article.get_absolute_url())


def test_a_message_waiting_for_one_reader_is_shown_to_them_alone(client, article, cached):
    other = Client()
    storage = CookieStorage(HttpRequest())
    storage.add(messages.INFO, "Only for this reader.")
    carrier = HttpResponse()
    storage.update(carrier)
    other.cookies[storage.cookie_name] = carrier.cookies[storage.cookie_name].value

    assert "Only for this reader." in html(other, article.get_absolute_url())
    assert "Only for this reader." not in html(client, article.get_absolute_url())
    assert "Only for this reader." not in html(other, article.get_absolute_url())


def test_a_signed_in_readers_entity_pages_read_the_co_mentions_once(article, count_queries):
    """Signed-in readers get entity pages made for them, but their three co-mention
    queries (one a kind) are kept until the tags change."""
    reader, _ = signed_in("reader")
    japan = Country.objects.get(name="Japan")

    first = count_queries(lambda: html(reader, japan.get_absolute_url()))
    second = count_queries(lambda: html(reader, japan.get_absolute_url()))

    assert second == first - 3

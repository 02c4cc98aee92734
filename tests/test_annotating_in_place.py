"""Writing in the margin: the annotation views answer htmx requests with fragments (a form to
stand in the margin, the saved card to replace it), with every check the pages have."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotations.models import Annotation, Status
from annotations.services import annotation_hide, annotation_update, reply_create
from tests.factories import annotation_factory, article_factory, user_factory

pytestmark = pytest.mark.django_db

ARTICLE_PAGE = "/articles/an-editorial/"


def htmx(client, method: str, url: str, data=None, *, current: str = ARTICLE_PAGE):
    """A request as htmx sends it from the article page."""
    headers = {"HX-Request": "true", "HX-Current-URL": f"http://testserver{current}"}
    return getattr(client, method)(url, data or {}, headers=headers)


@pytest.fixture
def paragraph():
    return article_factory(paragraphs=3).paragraphs.get(position=2)


def create_url(paragraph) -> str:
    return reverse("annotations:create", args=[paragraph.article.slug, paragraph.position])


def is_fragment(response) -> bool:
    return "<html" not in response.content.decode()


# ---- Forms in the margin ----


def test_the_form_comes_alone_to_stand_in_the_margin(client, editor, paragraph):
    response = htmx(client, "get", create_url(paragraph) + "?quote=trade&start=60")
    html = response.content.decode()
    assert response.status_code == 200 and is_fragment(response)
    assert 'class="margin-form margin-item"' in html and 'data-para="2"' in html
    assert f'hx-post="{create_url(paragraph)}"' in html
    assert "Annotate paragraph 2" in html and "trade</textarea>" in html
    assert "HX-Request" in response["Vary"]


def test_the_same_address_without_htmx_is_still_the_page(client, editor, paragraph):
    response = client.get(create_url(paragraph))
    html = response.content.decode()
    assert "<html" in html and "hx-post" not in html
    assert 'id="id_body"' in html  # the page's own ids, as before
    assert "HX-Request" in response["Vary"]


def test_two_forms_open_on_one_page_have_no_id_in_common(client, editor, paragraph):
    note = annotation_factory(paragraph=paragraph, author=editor)
    create = htmx(client, "get", create_url(paragraph)).content.decode()
    edit = htmx(client, "get", reverse("annotations:edit", args=[note.pk])).content.decode()
    ids = [set(re.findall(r'\bid="([^"]+)"', html)) for html in (create, edit)]
    assert ids[0] and ids[1] and not ids[0] & ids[1]


# ---- Saving in place ----


def test_a_saved_note_replaces_its_form_with_its_card(client, editor, paragraph):
    response = htmx(
        client, "post", create_url(paragraph), {"kind": "note", "body": "Saved *in place*."}
    )
    html = response.content.decode()
    note = Annotation.objects.get()
    assert response.status_code == 200 and is_fragment(response)
    assert f'id="a{note.pk}"' in html and "<em>in place</em>" in html
    assert "data-focus-now" in html  # the keyboard lands on the new card
    assert 'hx-swap-oob="innerHTML:#margin-status"' in html
    assert "Your annotation is published." in html
    assert "HX-Retarget" not in response  # it takes the place of the form itself
    # Said once, in the page: not again on the next page load.
    assert "Your annotation is published." not in client.get(ARTICLE_PAGE).content.decode()


def test_a_refused_form_comes_back_with_its_errors_and_the_text_kept(client, editor, paragraph):
    response = htmx(
        client,
        "post",
        create_url(paragraph),
        {"kind": "note", "body": "Kept text.", "quote": "words that are not there"},
    )
    html = response.content.decode()
    assert response.status_code == 400 and is_fragment(response)
    assert "These words do not occur in the paragraph" in html
    assert "Kept text.</textarea>" in html
    assert not Annotation.objects.exists()


def test_an_edit_saved_in_place_replaces_the_thread_card(client, editor, paragraph):
    note = annotation_factory(paragraph=paragraph, author=editor, body="Before.")
    response = htmx(
        client,
        "post",
        reverse("annotations:edit", args=[note.pk]),
        {"kind": "note", "body": "After.", "version": note.version},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#a{note.pk}" and response["HX-Reswap"] == "outerHTML"
    assert "After." in html and "Before." not in html
    assert "Your changes are saved." in html


def test_a_stale_edit_shows_the_newer_version_beside_the_editors_text(client, editor, paragraph):
    note = annotation_factory(paragraph=paragraph, author=editor, body="First.")
    stale = note.version
    other = user_factory("superuser")
    from annotations.services import AnnotationContent

    annotation_update(
        annotation=note,
        actor=other,
        expected_version=stale,
        content=AnnotationContent(body="Their words."),
    )
    response = htmx(
        client,
        "post",
        reverse("annotations:edit", args=[note.pk]),
        {"kind": "note", "body": "My words.", "version": stale},
    )
    html = response.content.decode()
    assert response.status_code == 409 and is_fragment(response)
    assert "Someone changed this annotation while you were editing" in html
    assert "<p>Their words.</p>" in html and "My words.</textarea>" in html
    assert f'name="version" value="{stale + 1}"' in html  # the next save goes against theirs
    note.refresh_from_db()
    assert note.body == "Their words."


def test_a_reply_saved_in_place_renders_its_thread(client, editor, paragraph):
    note = annotation_factory(paragraph=paragraph, body="The note.")
    response = htmx(client, "post", reverse("annotations:reply", args=[note.pk]), {"body": "Yes."})
    reply = Annotation.objects.get(parent=note)
    html = response.content.decode()
    assert response["HX-Retarget"] == f"#a{note.pk}"
    assert "The note." in html and f'id="a{reply.pk}"' in html
    assert re.search(rf'id="a{reply.pk}"[^>]*data-focus-now', html)


def test_deleting_in_place_leaves_a_notice_where_the_card_was(client, editor, paragraph):
    note = annotation_factory(paragraph=paragraph, author=editor, body="Going.")
    response = htmx(client, "post", reverse("annotations:delete", args=[note.pk]))
    html = response.content.decode()
    assert response["HX-Retarget"] == f"#a{note.pk}"
    assert "The annotation is deleted. Its history is kept." in html and "Going." not in html
    note.refresh_from_db()
    assert note.status == Status.DELETED


def test_deleting_a_reply_in_place_renders_the_thread_without_it(client, editor, paragraph):
    note = annotation_factory(paragraph=paragraph, body="Stays.")
    reply = reply_create(parent=note, author=editor, body="Goes away.")
    response = htmx(client, "post", reverse("annotations:delete", args=[reply.pk]))
    html = response.content.decode()
    assert response["HX-Retarget"] == f"#a{note.pk}"
    assert "Stays." in html and "Goes away." not in html
    assert "The reply is deleted." in html


def test_a_moderator_hides_and_restores_in_place(client, paragraph):
    client.force_login(user_factory("moderator"))
    note = annotation_factory(paragraph=paragraph, body="Disputed.")
    hide = htmx(client, "post", reverse("annotations:hide", args=[note.pk]), {"reason": "Spam."})
    assert hide["HX-Retarget"] == f"#a{note.pk}"
    assert "badge-hidden" in hide.content.decode() and "Hidden: Spam." in hide.content.decode()
    # Restoring asks for a reason, inline.
    refused = htmx(client, "post", reverse("annotations:restore", args=[note.pk]), {"reason": ""})
    assert refused.status_code == 400 and is_fragment(refused)
    assert 'class="margin-form' in refused.content.decode()
    restored = htmx(
        client, "post", reverse("annotations:restore", args=[note.pk]), {"reason": "Checked."}
    )
    assert "badge-hidden" not in restored.content.decode()
    note.refresh_from_db()
    assert note.status == Status.VISIBLE


def test_a_card_action_links_open_their_form_in_the_thread_card(client, editor, paragraph):
    note = annotation_factory(paragraph=paragraph, author=editor)
    reply = reply_create(parent=note, author=editor, body="A reply.")
    html = client.get(paragraph.article.get_absolute_url()).content.decode()
    assert f'id="a{note.pk}-slot"' in html
    edit_reply = reverse("annotations:edit", args=[reply.pk])
    assert f'href="{edit_reply}" data-margin-open="#a{note.pk}-slot"' in html
    assert 'data-margin-open="#compose-2"' in html and 'id="compose-2"' in html


def test_a_saved_cards_hide_link_returns_to_the_article_not_the_fragment(client, paragraph):
    client.force_login(user_factory("moderator"))
    note = annotation_factory(paragraph=paragraph)
    response = htmx(
        client,
        "post",
        reverse("annotations:hide", args=[note.pk]),
        {"reason": "Spam."},
        current=paragraph.article.get_absolute_url(),
    )
    page = paragraph.article.get_absolute_url()
    assert f"/restore/?next={page}%23a{note.pk}" in response.content.decode()


def paragraph_update(html: str, paragraph) -> str:
    """The out-of-band update of the paragraph's marked text, in a margin response."""
    found = re.search(
        rf'<span hx-swap-oob="innerHTML:#{paragraph.anchor} > .para-text">(.*?)</span>\n',
        html,
        re.DOTALL,
    )
    assert found, "no update of the paragraph's text"
    return found.group(1)


def test_a_saved_quote_is_marked_in_the_paragraph_at_once(client, editor, paragraph):
    response = htmx(
        client,
        "post",
        create_url(paragraph),
        {"kind": "note", "body": "On trade.", "quote": "trade", "quote_start": ""},
    )
    note = Annotation.objects.get()
    words = paragraph_update(response.content.decode(), paragraph)
    assert re.search(
        rf'<mark class="quote" data-annotations="{note.pk}"><a href="#a{note.pk}"', words
    )
    assert re.sub(r"<[^>]+>", "", words).replace("&#x27;", "'") == paragraph.text


def test_deleting_a_quoting_annotation_unmarks_its_words(client, editor, paragraph):
    note = annotation_factory(paragraph=paragraph, author=editor, quote="trade")
    response = htmx(client, "post", reverse("annotations:delete", args=[note.pk]))
    assert "<mark" not in paragraph_update(response.content.decode(), paragraph)


def test_a_reply_leaves_the_paragraphs_text_alone(client, editor, paragraph):
    note = annotation_factory(paragraph=paragraph, quote="trade")
    response = htmx(client, "post", reverse("annotations:reply", args=[note.pk]), {"body": "Hm."})
    assert "para-text" not in response.content.decode()


# ---- The same checks ----


def test_an_editor_may_not_edit_anothers_annotation_in_place_either(client, editor, paragraph):
    note = annotation_factory(paragraph=paragraph, body="Not yours.")
    response = htmx(
        client,
        "post",
        reverse("annotations:edit", args=[note.pk]),
        {"kind": "note", "body": "Mine now.", "version": note.version},
    )
    assert response.status_code == 403
    note.refresh_from_db()
    assert note.body == "Not yours."


def test_a_reader_may_not_hide_in_place(client, paragraph):
    client.force_login(user_factory("editor"))
    note = annotation_factory(paragraph=paragraph)
    response = htmx(client, "post", reverse("annotations:hide", args=[note.pk]), {"reason": "x"})
    assert response.status_code == 403
    note.refresh_from_db()
    assert note.status == Status.VISIBLE


def test_a_margin_form_after_the_session_ended_sends_the_page_to_sign_in(client, paragraph):
    article_page = paragraph.article.get_absolute_url()
    response = htmx(client, "post", create_url(paragraph), {"body": "x"}, current=article_page)
    assert response.status_code == 200 and "HX-Redirect" in response
    assert response["HX-Redirect"] == f"/accounts/login/?next={article_page.replace('/', '%2F')}"
    assert not Annotation.objects.exists()


def test_a_hidden_threads_card_is_not_shown_to_its_editor_after_a_reply_is_refused(
    client, editor, paragraph
):
    note = annotation_factory(paragraph=paragraph)
    annotation_hide(annotation=note, actor=user_factory("moderator"), reason="Spam.")
    response = htmx(client, "post", reverse("annotations:reply", args=[note.pk]), {"body": "Hi"})
    assert response.status_code in (400, 403, 404)
    assert not Annotation.objects.filter(parent=note).exists()


# ---- What a save in place costs ----


def selects(queries) -> int:
    return sum(1 for query in queries if query["sql"].lstrip().upper().startswith("SELECT"))


def test_saving_a_note_in_place_reads_what_rendering_one_card_does_and_two_more(
    client, editor, paragraph
):
    """The save reads the paragraph where rendering reads the annotation; then the revision's
    evidence snapshot and the quotes that re-mark the paragraph's text are its two more."""
    for number in range(20):  # other annotations on the page must not matter
        annotation_factory(paragraph=paragraph, body=f"Other {number}.")
    card = annotation_factory(paragraph=paragraph, author=editor)
    with CaptureQueriesContext(connection) as rendering:
        htmx(client, "get", reverse("annotations:detail", args=[card.pk]))
    with CaptureQueriesContext(connection) as saving:
        response = htmx(client, "post", create_url(paragraph), {"kind": "note", "body": "New."})
    assert response.status_code == 200
    assert selects(saving.captured_queries) <= selects(rendering.captured_queries) + 2

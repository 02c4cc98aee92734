"""The annotation form fitted to its kind (issue 11): the live preview rendered by the
server's own sanitiser, and the quoted words marked in the paragraph above the form."""

import pytest

from annotations.limits import BODY_MAX_CHARS
from annotations.models import Annotation, Revision
from tests.factories import article_factory, user_factory

pytestmark = pytest.mark.django_db
PREVIEW = "/annotations/preview/"


@pytest.fixture
def editor_client(client):
    client.force_login(user_factory("editor"))
    return client


def test_the_preview_is_the_sanitised_rendering_of_the_body(editor_client):
    response = editor_client.post(
        PREVIEW, {"body": "*Checked* <script>alert(1)</script> [x](javascript:alert(1))"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<em>Checked</em>" in html
    assert "<script" not in html
    assert "&lt;script&gt;" in html  # shown as the words typed, not run
    assert 'href="javascript:' not in html


def test_an_empty_body_previews_as_nothing_yet(editor_client):
    response = editor_client.post(PREVIEW, {"body": "   "})
    assert "Nothing to preview yet." in response.content.decode()


def test_a_body_over_the_limit_is_refused_with_the_limit(editor_client):
    response = editor_client.post(PREVIEW, {"body": "x" * (BODY_MAX_CHARS + 1)})
    assert response.status_code == 400
    assert f"at most {BODY_MAX_CHARS:,} characters" in response.content.decode()


def test_the_preview_writes_nothing(editor_client):
    editor_client.post(PREVIEW, {"body": "A note"})
    assert not Annotation.objects.exists() and not Revision.objects.exists()


@pytest.mark.parametrize("role", ["reader", "staff"])
def test_only_editors_may_ask_for_a_preview(client, role):
    client.force_login(user_factory(role))
    assert client.post(PREVIEW, {"body": "x"}).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.post(PREVIEW, {"body": "x"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_preview_takes_no_get(editor_client):
    assert editor_client.get(PREVIEW).status_code == 405


def test_the_form_marks_the_quoted_words_in_the_paragraph(editor_client):
    article = article_factory(paragraphs=2)
    url = f"{article.get_absolute_url()}p2/annotate/"
    response = editor_client.get(url, {"quote": "the summit's stakes", "start": "0"})
    html = response.content.decode()
    assert '<mark class="quote-mark">the summit&#x27;s stakes</mark>' in html


def test_words_the_paragraph_lacks_are_not_marked(editor_client):
    article = article_factory(paragraphs=2)
    url = f"{article.get_absolute_url()}p2/annotate/"
    response = editor_client.get(url, {"quote": "<b>not there</b>"})
    assert 'class="quote-mark"' not in response.content.decode()


def test_the_claim_only_fields_say_so_for_the_script(editor_client):
    article = article_factory(paragraphs=1)
    html = editor_client.get(f"{article.get_absolute_url()}p1/annotate/").content.decode()
    for name in (
        "claim_text",
        "claimant",
        "claimant_leader",
        "claimant_type",
        "verdict",
        "evidence",
    ):
        assert f'class="field field-{name}" data-claim-only' in html
    assert 'class="field field-body" data-claim-only' not in html

"""Creating annotations through the W3C Web Annotation Protocol (§6.1): POST to a container,
with the web pages' permissions, revisions and CSRF rule, and errors that say what is wrong.

Each test is named after the requirement it checks (https://www.w3.org/TR/annotation-protocol/).
"""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annotations.models import Action, Annotation
from people.tokens import api_token_create
from tests.factories import annotation_factory, article_factory, user_factory
from tests.protocol.support import BASE, MEDIA_TYPE, container_url

pytestmark = pytest.mark.django_db


def note_on(article, *, position=2, exact="Paragraph 2", **extra) -> dict:
    """A note on words of a paragraph, as a client would send it."""
    target = {
        "source": BASE + article.get_absolute_url(),
        "selector": {
            "type": "FragmentSelector",
            "value": f"p{position}",
            "refinedBy": {"type": "TextQuoteSelector", "exact": exact},
        },
    }
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "motivation": "commenting",
        "body": {"type": "TextualBody", "value": "A note from a program.", "format": "text/plain"},
        "target": target,
        **extra,
    }


def post(client, url, document, *, content_type=MEDIA_TYPE, **headers):
    body = document if isinstance(document, str) else json.dumps(document)
    return client.post(url, body, content_type=content_type, **headers)


# ------------------------------------------------------------------ creation


def test_the_server_must_answer_201_created_with_the_location_of_the_new_iri(
    client, editor, article
):
    response = post(client, container_url(article), note_on(article))
    assert response.status_code == 201
    annotation = Annotation.objects.get()
    expected = BASE + reverse("annotations:annotation", args=[article.slug, annotation.pk])
    assert response["Location"] == expected
    assert response.json()["id"] == expected


@pytest.mark.parametrize("whose", ["editorial", "archive"])
def test_the_new_iri_must_be_the_container_iri_with_a_component_added(
    client, editor, article, whose
):
    url = container_url(article if whose == "editorial" else None)
    iri = post(client, url, note_on(article)).json()["id"]
    assert iri.startswith(BASE + url) and iri != BASE + url


def test_the_archive_container_takes_the_editorial_from_the_target(client, editor, article):
    article_factory()  # another editorial, to be sure it is not picked
    response = post(client, container_url(), note_on(article, position=3, exact="Paragraph 3"))
    assert response.status_code == 201
    annotation = Annotation.objects.get()
    assert annotation.article == article
    assert annotation.paragraph.position == 3
    assert annotation.quote_exact == "Paragraph 3"


def test_the_server_must_assign_its_own_id_and_should_copy_a_sent_id_to_via(
    client, editor, article
):
    sent = "https://elsewhere.example/annotations/41"
    data = post(client, container_url(article), note_on(article, id=sent)).json()
    assert data["id"] != sent
    assert data["via"] == [sent]


def test_a_canonical_iri_must_be_kept_without_change(client, editor, article):
    canonical = "urn:uuid:6f1b2f6e-0d5b-4a43-9d5e-6a1f1d2c3b4a"
    data = post(client, container_url(article), note_on(article, canonical=canonical)).json()
    assert data["canonical"] == canonical
    assert Annotation.objects.get().canonical == canonical


def test_the_201_body_and_etag_are_those_the_new_iri_serves(client, editor, article):
    response = post(client, container_url(article), note_on(article))
    fetched = client.get(response["Location"])
    assert response.json() == fetched.json()
    assert response["ETag"] == fetched["ETag"]
    assert response["Content-Type"] == MEDIA_TYPE


def test_the_201_has_the_headers_of_the_annotation_it_made(client, editor, article):
    """§5.1's example: a 201 answers with the new annotation's Allow (PUT, DELETE), and its
    Link type is an ldp:Resource, not the container it was posted to."""
    response = post(client, container_url(article), note_on(article))
    fetched = client.get(response["Location"])
    assert response["Allow"] == fetched["Allow"]
    assert "PUT" in response["Allow"] and "POST" not in response["Allow"]
    assert response["Link"] == fetched["Link"]
    assert "ldp#BasicContainer" not in response["Link"]


def test_a_post_keeps_a_create_revision_by_its_author(client, editor, article):
    post(client, container_url(article), note_on(article))
    revision = Annotation.objects.get().revisions.get()
    assert (revision.action, revision.actor, revision.version) == (Action.CREATE, editor, 1)


def test_a_reply_is_posted_to_the_thread_iri_with_motivation_replying(client, editor, article):
    thread = annotation_factory(paragraph=article.paragraphs.first())
    thread_iri = BASE + reverse("annotations:annotation", args=[article.slug, thread.pk])
    document = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "motivation": "replying",
        "body": {"type": "TextualBody", "value": "I agree."},
        "target": thread_iri,
    }
    response = post(client, container_url(article), document)
    assert response.status_code == 201
    reply = Annotation.objects.get(parent=thread)
    assert (reply.body, reply.author) == ("I agree.", editor)
    assert response.json()["target"] == thread_iri


def test_a_reply_posted_to_the_archive_container_lands_on_its_thread(client, editor, article):
    thread = annotation_factory(paragraph=article.paragraphs.first())
    document = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": "I agree."},
        "target": BASE + reverse("annotations:annotation", args=[article.slug, thread.pk]),
    }
    response = post(client, container_url(), document)
    assert response.status_code == 201
    assert response.json()["id"].startswith(BASE + container_url(article))
    assert Annotation.objects.get(parent=thread).article == article


def test_a_body_is_kept_as_written_and_shown_sanitised_as_in_the_ui(client, editor, article):
    document = note_on(article)
    document["body"].update(value="Look <script>alert(1)</script> **here**", format="text/markdown")
    assert post(client, container_url(article), document).status_code == 201
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "<strong>here</strong>" in page


def test_a_plain_text_body_shows_as_written_not_as_markdown(client, editor, article):
    document = note_on(article)
    document["body"].update(value="2 * 3 * 4 is **24**, <b>not</b> [a link]", format="text/plain")
    assert post(client, container_url(article), document).status_code == 201
    page = client.get(article.get_absolute_url()).content.decode()
    assert "2 * 3 * 4 is **24**, &lt;b&gt;not&lt;/b&gt; [a link]" in page
    assert "<strong>24</strong>" not in page


# ------------------------------------------------------------------ refusals


def test_an_anonymous_write_is_401_with_a_bearer_challenge(client, article):
    response = post(client, container_url(article), note_on(article))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Bearer" in response.json()["detail"]
    assert not Annotation.objects.exists()


@pytest.mark.parametrize("role", ["reader", "moderator", "staff"])
def test_an_account_that_may_not_annotate_is_403_in_json(client, article, role):
    client.force_login(user_factory(role))
    response = post(client, container_url(article), note_on(article))
    assert response.status_code == 403
    assert "detail" in response.json()
    assert not Annotation.objects.exists()


def test_a_session_write_without_its_csrf_token_is_refused(article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_factory("editor"))
    response = post(client, container_url(article), note_on(article))
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Annotation.objects.exists()


def test_a_session_write_with_its_csrf_token_is_taken(article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_factory("editor"))
    client.get(article.get_absolute_url())  # sets the CSRF cookie, as a page would
    token = client.cookies["csrftoken"].value
    response = post(client, container_url(article), note_on(article), HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201


def test_a_bearer_token_write_needs_no_csrf_token(article):
    _, token = api_token_create(user=user_factory("editor"), name="Script")
    client = Client(enforce_csrf_checks=True)
    response = post(
        client, container_url(article), note_on(article), HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 201


def test_posting_to_an_unknown_editorial_is_404(client, editor):
    url = container_url() + "2026-01-01-no-such-editorial/"
    assert post(client, url, {}).status_code == 404


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"]
)
def test_a_body_of_another_media_type_is_415_listing_what_is_taken(
    client, editor, article, content_type
):
    response = post(client, container_url(article), note_on(article), content_type=content_type)
    assert response.status_code == 415
    assert response["Accept-Post"].startswith(MEDIA_TYPE)
    assert "Content-Type" in response.json()["errors"]


def test_another_json_ld_profile_is_415(client, editor, article):
    content_type = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
    response = post(client, container_url(article), note_on(article), content_type=content_type)
    assert response.status_code == 415


@pytest.mark.parametrize("content_type", ["application/json", "application/ld+json"])
def test_plain_json_and_json_ld_are_taken(client, editor, article, content_type):
    response = post(client, container_url(article), note_on(article), content_type=content_type)
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ('{"type": "Annotation",', "line 1, column"),
        ("  ", "empty"),
        ('{"total": NaN}', "NaN"),
    ],
)
def test_malformed_json_is_a_400_naming_the_problem(client, editor, article, body, says):
    response = post(client, container_url(article), body)
    assert response.status_code == 400
    assert says in json.dumps(response.json(), ensure_ascii=False)


@pytest.mark.parametrize(
    ("escaped", "path", "says"),
    [
        ('"A note \\ud800 half a pair."', "body.value", "lone surrogate (\\ud800)"),
        ('"A note \\u0000 with a NUL."', "body.value", "NUL"),
    ],
)
def test_text_no_column_can_keep_is_a_400_naming_its_field(
    client, editor, article, escaped, path, says
):
    """JSON escapes can spell what is no character (a lone surrogate) or what PostgreSQL
    cannot keep (NUL): found by tests/protocol/test_protocol_fuzz.py as 500s."""
    body = json.dumps(note_on(article)).replace('"A note from a program."', escaped)
    response = post(client, container_url(article), body)
    assert response.status_code == 400
    assert says in response.json()["errors"][path]
    assert not Annotation.objects.exists()


def test_json_nested_too_deeply_is_a_400(client, editor, article):
    response = post(client, container_url(article), "[" * 5000 + "]" * 5000)
    assert response.status_code == 400


def test_a_quote_not_in_the_paragraph_is_a_400_naming_the_selector(client, editor, article):
    document = note_on(article, exact="words the paragraph never had")
    response = post(client, container_url(article), document)
    assert response.status_code == 400
    fields = response.json()["errors"]
    assert any(field.startswith("target.selector") for field in fields), fields
    assert not Annotation.objects.exists()


def test_a_target_on_another_editorial_is_a_400_naming_the_target(client, editor, article):
    other = article_factory()
    response = post(client, container_url(article), note_on(other))
    assert response.status_code == 400
    assert any(field.startswith("target") for field in response.json()["errors"])


def test_an_empty_note_is_a_400_naming_the_body(client, editor, article):
    document = note_on(article)
    document["body"]["value"] = "   "
    response = post(client, container_url(article), document)
    assert response.status_code == 400
    assert any(field.startswith("body") for field in response.json()["errors"])


def test_a_reply_to_a_hidden_thread_is_refused_to_a_reader_of_visible_ones(client, editor, article):
    thread = annotation_factory(paragraph=article.paragraphs.first())
    Annotation.objects.filter(pk=thread.pk).update(status="hidden")
    document = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "motivation": "replying",
        "body": {"type": "TextualBody", "value": "I agree."},
        "target": BASE + reverse("annotations:annotation", args=[article.slug, thread.pk]),
    }
    response = post(client, container_url(article), document)
    assert response.status_code == 400
    assert "There is no annotation at" in response.json()["errors"]["target"]
    assert not Annotation.objects.filter(parent=thread).exists()


def test_a_post_reads_its_editorial_once(client, editor, article):
    """The container's editorial is the target's: not read again to check the target, nor
    to write the Location (the stored annotation is read with it joined)."""
    with CaptureQueriesContext(connection) as captured:
        response = post(client, container_url(article), note_on(article))
    assert response.status_code == 201
    reads = [q["sql"] for q in captured.captured_queries if 'FROM "articles_article"' in q["sql"]]
    assert len(reads) == 1, reads

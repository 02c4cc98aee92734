"""Every text an editor writes has a length limit, held by the forms (an error naming the
field and the limit, nothing written) and by the services whoever calls them."""

import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from annotations.limits import (
    BODY_MAX_CHARS,
    CLAIM_TEXT_MAX_CHARS,
    CLAIMANT_MAX_CHARS,
    REASON_MAX_CHARS,
    REPLY_MAX_CHARS,
)
from annotations.models import Annotation, EvidenceLink, Revision, Status
from annotations.services import (
    AnnotationContent,
    Evidence,
    annotation_create,
    annotation_hide,
    annotation_update,
    reply_create,
)
from tests.factories import annotation_factory, article_factory, user_factory

pytestmark = pytest.mark.django_db

MEGABYTE = 1_000_000


@pytest.fixture
def paragraph():
    return article_factory(paragraphs=2).paragraphs.get(position=1)


def create_url(paragraph):
    return reverse("annotations:create", args=[paragraph.article.slug, paragraph.position])


def claim(**fields):
    return {
        "kind": "claim",
        "claim_text": "The claim.",
        "claimant": "A minister",
        "verdict": "false",
        "body": "",
        "evidence": "",
        **fields,
    }


def page_of(response) -> str:
    return html.unescape(response.content.decode())


def test_a_megabyte_note_is_refused_naming_the_field_and_the_limit(client, editor, paragraph):
    response = client.post(create_url(paragraph), {"kind": "note", "body": "x" * MEGABYTE})
    assert response.status_code == 400
    assert (
        f"The text is too long: at most {BODY_MAX_CHARS:,} characters, and this has 1,000,000."
        in page_of(response)
    )
    assert not Annotation.objects.exists()
    assert not Revision.objects.exists()


@pytest.mark.parametrize(
    ("field", "what", "limit"),
    [
        ("body", "The text", BODY_MAX_CHARS),
        ("claim_text", "The claim", CLAIM_TEXT_MAX_CHARS),
        ("claimant", "Who made it", CLAIMANT_MAX_CHARS),
    ],
)
def test_a_claim_field_over_its_limit_is_refused(client, editor, paragraph, field, what, limit):
    response = client.post(create_url(paragraph), claim(**{field: "y" * (limit + 1)}))
    assert response.status_code == 400
    assert f"{what} is too long: at most {limit:,} characters" in page_of(response)
    assert not Annotation.objects.exists()


def test_a_claim_field_at_its_limit_is_accepted(client, editor, paragraph):
    response = client.post(
        create_url(paragraph),
        claim(claim_text="c" * CLAIM_TEXT_MAX_CHARS, body="b" * BODY_MAX_CHARS),
    )
    assert response.status_code == 302
    assert Annotation.objects.get().claim_text == "c" * CLAIM_TEXT_MAX_CHARS


def test_a_quote_over_its_limit_is_refused(client, editor, paragraph):
    response = client.post(
        create_url(paragraph), {"kind": "note", "body": "A note.", "quote": "q" * MEGABYTE}
    )
    assert response.status_code == 400
    assert "The quote is too long" in page_of(response)
    assert not Annotation.objects.exists()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "https://example.org/" + "a" * 1000,
            "Line 2: the address is too long: at most 1,000 characters",
        ),
        ("https://example.org/ " + "t" * 301, "Line 2: the title is too long: at most 300"),
    ],
)
def test_an_evidence_line_too_long_is_refused_naming_the_line(
    client, editor, paragraph, line, message
):
    evidence = f"https://example.org/fine A fine source\n{line}"
    response = client.post(create_url(paragraph), claim(evidence=evidence))
    assert response.status_code == 400
    assert message in page_of(response)
    assert not Annotation.objects.exists()
    assert not EvidenceLink.objects.exists()


def test_a_megabyte_edit_is_refused_and_the_annotation_keeps_its_text(client, editor, paragraph):
    annotation = annotation_factory(paragraph=paragraph, author=editor, body="Original.")
    url = reverse("annotations:edit", args=[annotation.pk])
    response = client.post(url, {"kind": "note", "body": "x" * MEGABYTE, "version": 1})
    assert response.status_code == 400
    assert "The text is too long" in page_of(response)
    annotation.refresh_from_db()
    assert annotation.body == "Original." and annotation.version == 1


def test_a_reply_over_its_limit_is_refused(client, editor, paragraph):
    annotation = annotation_factory(paragraph=paragraph)
    url = reverse("annotations:reply", args=[annotation.pk])
    response = client.post(url, {"body": "r" * (REPLY_MAX_CHARS + 1)})
    assert response.status_code == 400
    assert f"The reply is too long: at most {REPLY_MAX_CHARS:,} characters" in page_of(response)
    assert not annotation.replies.exists()


def test_a_hide_reason_over_its_limit_is_refused(client, paragraph):
    annotation = annotation_factory(paragraph=paragraph)
    client.force_login(user_factory("moderator"))
    url = reverse("annotations:hide", args=[annotation.pk])
    response = client.post(url, {"reason": "r" * (REASON_MAX_CHARS + 1)})
    assert response.status_code == 400
    assert f"The reason is too long: at most {REASON_MAX_CHARS:,} characters" in page_of(response)
    annotation.refresh_from_db()
    assert annotation.status == Status.VISIBLE


def test_the_create_service_refuses_a_megabyte_body(paragraph):
    with pytest.raises(ValidationError) as refused:
        annotation_create(
            paragraph=paragraph,
            author=user_factory("editor"),
            content=AnnotationContent(body="x" * MEGABYTE),
        )
    assert "body" in refused.value.message_dict
    assert not Annotation.objects.exists()


def test_the_update_service_refuses_an_evidence_address_too_long(paragraph):
    annotation = annotation_factory(
        paragraph=paragraph, kind="claim", claim_text="C.", claimant="A", verdict="false"
    )
    content = AnnotationContent(
        kind="claim",
        claim_text="C.",
        claimant="A",
        verdict="false",
        evidence=[Evidence(url="https://example.org/" + "a" * 1000)],
    )
    with pytest.raises(ValidationError) as refused:
        annotation_update(
            annotation=annotation, actor=annotation.author, expected_version=1, content=content
        )
    assert "Link 1: the address is too long" in refused.value.message_dict["evidence"][0]
    assert not EvidenceLink.objects.exists()


def test_the_reply_service_refuses_a_reply_over_its_limit(paragraph):
    annotation = annotation_factory(paragraph=paragraph)
    with pytest.raises(ValidationError):
        reply_create(
            parent=annotation, author=user_factory("editor"), body="r" * (REPLY_MAX_CHARS + 1)
        )
    assert not annotation.replies.exists()


def test_the_hide_service_refuses_a_reason_over_its_limit(paragraph):
    annotation = annotation_factory(paragraph=paragraph)
    with pytest.raises(ValidationError):
        annotation_hide(
            annotation=annotation,
            actor=user_factory("moderator"),
            reason="r" * (REASON_MAX_CHARS + 1),
        )
    annotation.refresh_from_db()
    assert annotation.status == Status.VISIBLE


@pytest.mark.parametrize("start", ["²", "①", "١٢", "1" * 40, "-3", "12abc"])
def test_an_odd_start_offset_in_the_address_is_ignored(client, editor, paragraph, start):
    response = client.get(create_url(paragraph), {"quote": "Paragraph", "start": start})
    assert response.status_code == 200
    assert 'name="quote_start" id="id_quote_start"' in response.content.decode()
    assert f'value="{start}"' not in response.content.decode()


def test_a_plain_start_offset_fills_the_form(client, editor, paragraph):
    response = client.get(create_url(paragraph), {"quote": "Paragraph", "start": "0"})
    assert 'name="quote_start" value="0"' in response.content.decode()


def test_an_odd_start_offset_posted_is_no_hint_and_the_note_is_made(client, editor, paragraph):
    response = client.post(
        create_url(paragraph),
        {"kind": "note", "body": "A note.", "quote": "Paragraph", "quote_start": "²"},
    )
    assert response.status_code == 302
    assert Annotation.objects.get().quote_start == 0

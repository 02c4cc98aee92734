"""Nothing is lost: every change is a revision, deletes are soft, stale edits are refused."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from annotations.models import Action, Kind, Status
from annotations.services import (
    AnnotationContent,
    EditConflict,
    Evidence,
    annotation_delete,
    annotation_hide,
    annotation_restore,
    annotation_update,
    reply_create,
)
from tests.factories import annotation_factory, article_factory, leader_factory, user_factory

pytestmark = pytest.mark.django_db


def test_each_change_is_a_revision_with_who_when_and_the_previous_content():
    editor, moderator = user_factory("editor"), user_factory("moderator")
    annotation = annotation_factory(author=editor, body="First words.")
    annotation_update(
        annotation=annotation,
        actor=editor,
        expected_version=1,
        content=AnnotationContent(body="Second words."),
    )
    annotation_hide(annotation=annotation, actor=moderator, reason="Needs a source.")
    annotation_restore(annotation=annotation, actor=moderator, reason="Sourced now.")
    annotation_delete(annotation=annotation, actor=editor)

    revisions = list(annotation.revisions.order_by("version"))
    assert [(r.version, r.action, r.actor) for r in revisions] == [
        (1, Action.CREATE, editor),
        (2, Action.EDIT, editor),
        (3, Action.HIDE, moderator),
        (4, Action.RESTORE, moderator),
        (5, Action.DELETE, editor),
    ]
    assert revisions[0].previous is None
    assert revisions[1].previous["body"] == "First words."
    assert revisions[1].content["body"] == "Second words."
    assert revisions[2].reason == "Needs a source."
    assert revisions[4].content["status"] == Status.DELETED


def test_delete_is_soft_and_a_moderator_can_restore_it():
    annotation = annotation_factory()
    annotation_delete(annotation=annotation, actor=annotation.author)
    annotation.refresh_from_db()
    assert annotation.status == Status.DELETED
    annotation_restore(
        annotation=annotation, actor=user_factory("moderator"), reason="Deleted by mistake."
    )
    annotation.refresh_from_db()
    assert annotation.status == Status.VISIBLE and annotation.body == "A note on this paragraph."


def test_edit_on_a_stale_version_is_refused_and_carries_the_newer_version():
    annotation = annotation_factory(body="Original.")
    first, second = annotation.author, user_factory("staff")
    annotation_update(
        annotation=annotation,
        actor=second,
        expected_version=1,
        content=AnnotationContent(body="Staff's version."),
    )
    with pytest.raises(EditConflict) as conflict:
        annotation_update(
            annotation=annotation,
            actor=first,
            expected_version=1,
            content=AnnotationContent(body="Editor's stale version."),
        )
    assert conflict.value.current.body == "Staff's version."
    assert conflict.value.current.version == 2
    annotation.refresh_from_db()
    assert annotation.body == "Staff's version."


def test_stale_edit_through_the_form_shows_a_conflict_and_the_newer_version(client):
    annotation = annotation_factory(body="Original.")
    annotation_update(
        annotation=annotation,
        actor=user_factory("staff"),
        expected_version=1,
        content=AnnotationContent(body="The newer text."),
    )
    client.force_login(annotation.author)
    url = reverse("annotations:edit", args=[annotation.pk])
    response = client.post(url, {"kind": "note", "body": "My stale edit.", "version": 1})
    assert response.status_code == 409
    page = response.content.decode()
    assert "changed this annotation while you were editing" in page
    assert "The newer text." in page
    assert "My stale edit." in page  # what the editor typed is kept in the form
    annotation.refresh_from_db()
    assert annotation.body == "The newer text."
    # Saving again from the conflict page goes through against the newer version.
    retry = client.post(url, {"kind": "note", "body": "My merged edit.", "version": 2})
    assert retry.status_code == 302
    annotation.refresh_from_db()
    assert (annotation.body, annotation.version) == ("My merged edit.", 3)


def test_claim_needs_its_claim_claimant_and_verdict():
    paragraph = article_factory().paragraphs.first()
    with pytest.raises(ValidationError) as error:
        annotation_factory(paragraph=paragraph, kind=Kind.CLAIM, body="")
    assert set(error.value.message_dict) == {"claim_text", "verdict", "claimant"}


def test_claim_keeps_its_evidence_links_in_order():
    claim = annotation_factory(
        kind=Kind.CLAIM,
        claim_text="Some 130 Koreans were mobilised to the mine.",
        claimant="The editorial",
        verdict="mostly-accurate",
        evidence=[Evidence("https://example.org/a", "First"), Evidence("https://example.org/b")],
    )
    assert [(e.url, e.title) for e in claim.evidence.all()] == [
        ("https://example.org/a", "First"),
        ("https://example.org/b", ""),
    ]


def test_quote_must_occur_in_the_paragraph():
    paragraph = article_factory().paragraphs.first()
    with pytest.raises(ValidationError, match="does not occur"):
        annotation_factory(paragraph=paragraph, quote="words that are not there")


def test_quote_records_offsets_and_context():
    paragraph = article_factory().paragraphs.first()
    annotation = annotation_factory(paragraph=paragraph, quote="summit's stakes")
    start = paragraph.text.index("summit's stakes")
    assert (annotation.quote_start, annotation.quote_end) == (start, start + 15)
    assert paragraph.text[:start].endswith(annotation.quote_prefix)
    assert paragraph.text[start + 15 :].startswith(annotation.quote_suffix)


def test_replies_go_one_level_deep():
    annotation = annotation_factory()
    reply = reply_create(parent=annotation, author=user_factory("editor"), body="I agree.")
    assert reply.paragraph_id == annotation.paragraph_id
    with pytest.raises(ValidationError, match="one level deep"):
        reply_create(parent=reply, author=user_factory("editor"), body="Nested.")


def test_a_reply_is_edited_with_a_body_only_form(client):
    reply = reply_create(parent=annotation_factory(), author=user_factory("editor"), body="Old.")
    client.force_login(reply.author)
    url = reverse("annotations:edit", args=[reply.pk])
    form_page = client.get(url).content.decode()
    assert 'name="claim_text"' not in form_page and 'name="body"' in form_page
    assert client.post(url, {"body": "New.", "version": 1}).status_code == 302
    reply.refresh_from_db()
    assert (reply.body, reply.version) == ("New.", 2)


def test_an_orphan_can_be_edited_and_keeps_its_original_quote(client):
    paragraph = article_factory().paragraphs.first()
    orphan = annotation_factory(paragraph=paragraph, quote="summit's stakes", body="Old.")
    type(orphan).objects.filter(pk=orphan.pk).update(paragraph=None)
    client.force_login(orphan.author)
    response = client.post(
        reverse("annotations:edit", args=[orphan.pk]),
        {"kind": "note", "body": "Still relevant.", "version": 1},
    )
    assert response.status_code == 302
    orphan.refresh_from_db()
    assert (orphan.body, orphan.quote_exact, orphan.paragraph) == (
        "Still relevant.",
        "summit's stakes",
        None,
    )


# ---- The history page: a word diff of the body, the changed fields in words ----


def claim_content(**changes) -> AnnotationContent:
    fields = {
        "kind": Kind.CLAIM,
        "claim_text": "Trade doubled.",
        "claimant": "The minister",
        "verdict": "mixed",
        "body": "The figures are partly right.",
    }
    return AnnotationContent(**(fields | changes))


def test_field_changes_name_each_changed_field_in_words():
    from annotations.revision_changes import field_changes

    before = {
        "kind": "claim",
        "verdict": "mixed",
        "claimant": "The minister",
        "evidence": [],
        "quote": {"exact": ""},
        "status": "visible",
        "body": "Old.",
    }
    after = before | {
        "verdict": "false",
        "evidence": [{"url": "https://example.org/a", "title": "Stats"}],
        "quote": {"exact": "trade"},
        "status": "hidden",
        "moderation_reason": "Needs a source.",
        "body": "New.",
    }
    words = {"verdict": {"mixed": "Mixed", "false": "False"}, "status": {"hidden": "Hidden"}}

    changes = [f"{c.label}: {c.old} → {c.new}" for c in field_changes(before, after, words=words)]

    assert changes == [
        "verdict: Mixed → False",
        "evidence: none → https://example.org/a (Stats)",
        "quote: the whole paragraph → “trade”",
        "status: visible → Hidden",
        "moderation reason: none → “Needs a source.”",
    ]
    assert field_changes(None, after) == []
    assert field_changes(after, dict(after)) == []


def test_history_lists_the_changed_fields_in_words(client):
    claim = annotation_factory(**claim_content().__dict__)
    annotation_update(
        annotation=claim,
        actor=claim.author,
        expected_version=1,
        content=claim_content(verdict="false", claimant="The ministry"),
    )
    annotation_hide(annotation=claim, actor=user_factory("moderator"), reason="Unsourced.")
    client.force_login(user_factory("moderator"))

    page = client.get(claim.get_absolute_url()).content.decode()

    assert "<li>verdict: Mixed → False</li>" in page
    assert "<li>who made it: “The minister” → “The ministry”</li>" in page
    assert "<li>status: Visible → Hidden by a moderator</li>" in page
    assert "<li>moderation reason: none → “Unsourced.”</li>" in page


def test_history_shows_a_word_diff_of_the_body_with_words_for_screen_readers(client):
    note = annotation_factory(body="The summit was a clear success.")
    annotation_update(
        annotation=note,
        actor=note.author,
        expected_version=1,
        content=AnnotationContent(body="The summit was a partial success."),
    )

    page = client.get(note.get_absolute_url()).content.decode()

    assert '<del><span class="visually-hidden">removed: </span>clear </del>' in page
    assert '<ins><span class="visually-hidden">added: </span>partial </ins>' in page
    assert page.count("<del>") == 1  # the creation has nothing to compare with


def test_history_page_queries_do_not_grow_with_the_revisions(client, django_assert_max_num_queries):
    leader_claim = annotation_factory(**claim_content().__dict__)
    for number in range(20):
        annotation_update(
            annotation=leader_claim,
            actor=leader_claim.author,
            expected_version=number + 1,
            content=claim_content(
                body=f"Version {number} of the reasoning.",
                verdict="false" if number % 2 else "mixed",
                evidence=[Evidence(f"https://example.org/{number}")],
                claimant_leader=leader_factory(),
            ),
        )
    client.force_login(user_factory("moderator"))

    with django_assert_max_num_queries(10):
        page = client.get(leader_claim.get_absolute_url()).content.decode()

    assert page.count('class="revision"') == 21
    assert page.count("<li>leader who made it:") == 20


def test_each_version_names_its_kind_verdict_status_and_leader_in_words(client):
    leader = leader_factory(name="Lee Jae-myung")
    claim = annotation_factory(**claim_content(claimant="", claimant_leader=leader).__dict__)

    page = client.get(claim.get_absolute_url()).content.decode()

    assert "<dt>Kind</dt><dd>Fact-check claim</dd>" in page
    assert "<dt>Made by</dt><dd>Lee Jae-myung</dd>" in page
    assert "<dt>Verdict</dt><dd>Mixed</dd>" in page
    assert "<dt>Status</dt><dd>Visible</dd>" in page

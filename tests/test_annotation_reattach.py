"""Re-attaching puts an orphan back on a paragraph: only orphans, by their author or a
moderator; anything else is refused and nothing moves."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from annotations.models import Annotation
from annotations.services import annotation_reattach
from tests.factories import annotation_factory, article_factory, user_factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return article_factory(paragraphs=3)


def orphan(annotation):
    Annotation.objects.filter(pk=annotation.pk).update(paragraph=None)
    Annotation.objects.filter(parent=annotation).update(paragraph=None)
    annotation.refresh_from_db()
    return annotation


def reattach(client, annotation, position=2):
    url = reverse("annotations:reattach", args=[annotation.pk])
    return client.post(url, {"position": position, "quote": ""})


def test_the_author_puts_an_orphan_back_with_its_replies(client, article):
    annotation = annotation_factory(paragraph=article.paragraphs.get(position=1))
    reply = Annotation.objects.create(
        article=article, parent=annotation, author=user_factory("editor"), body="A reply."
    )
    orphan(annotation)
    client.force_login(annotation.author)
    response = reattach(client, annotation, position=3)
    assert response.status_code == 302
    annotation.refresh_from_db()
    reply.refresh_from_db()
    assert annotation.paragraph.position == 3
    assert reply.paragraph_id == annotation.paragraph_id


@pytest.mark.parametrize("role", ["editor-own", "moderator"])
def test_an_annotation_on_a_paragraph_is_refused_and_stays_put(client, article, role):
    annotation = annotation_factory(paragraph=article.paragraphs.get(position=1))
    user = annotation.author if role == "editor-own" else user_factory("moderator")
    client.force_login(user)
    form = client.get(reverse("annotations:reattach", args=[annotation.pk]))
    assert form.status_code == 400
    refusal = "Only an orphaned annotation, or one a correction moved, is re-attached"
    assert refusal in form.content.decode()
    response = reattach(client, annotation)
    assert response.status_code == 400
    assert refusal in response.content.decode()
    annotation.refresh_from_db()
    assert annotation.paragraph.position == 1
    assert annotation.version == 1


def test_another_editor_may_not_reattach_an_orphan(client, article):
    annotation = orphan(annotation_factory(paragraph=article.paragraphs.get(position=1)))
    client.force_login(user_factory("editor"))
    assert reattach(client, annotation).status_code == 403
    annotation.refresh_from_db()
    assert annotation.paragraph_id is None


def test_a_reply_is_not_reattached_on_its_own(client, article):
    annotation = annotation_factory(paragraph=article.paragraphs.get(position=1))
    reply = Annotation.objects.create(
        article=article, parent=annotation, author=user_factory("editor"), body="A reply."
    )
    orphan(annotation)
    client.force_login(user_factory("moderator"))
    assert reattach(client, reply).status_code == 400
    reply.refresh_from_db()
    assert reply.paragraph_id is None


def test_the_service_refuses_an_annotation_that_is_not_orphaned(article):
    annotation = annotation_factory(paragraph=article.paragraphs.get(position=1))
    with pytest.raises(ValidationError, match="Only an orphaned annotation"):
        annotation_reattach(
            annotation=annotation,
            actor=user_factory("moderator"),
            paragraph=article.paragraphs.get(position=2),
            quote_exact="",
        )
    annotation.refresh_from_db()
    assert annotation.paragraph.position == 1


def test_the_orphan_list_offers_reattach_only_where_the_user_may(client, article):
    mine = orphan(annotation_factory(paragraph=article.paragraphs.get(position=1)))
    theirs = orphan(annotation_factory(paragraph=article.paragraphs.get(position=2)))
    client.force_login(mine.author)
    page = client.get(reverse("annotations:orphans")).content.decode()
    assert reverse("annotations:reattach", args=[mine.pk]) in page
    assert reverse("annotations:reattach", args=[theirs.pk]) not in page


def test_a_huge_paragraph_number_is_a_form_error(client, article):
    annotation = orphan(annotation_factory(paragraph=article.paragraphs.get(position=1)))
    client.force_login(annotation.author)
    response = reattach(client, annotation, position=10**30)
    assert response.status_code == 400
    annotation.refresh_from_db()
    assert annotation.paragraph_id is None


def test_the_form_shows_the_orphan_quote_and_the_paragraphs_once(client, article):
    annotation = orphan(
        annotation_factory(paragraph=article.paragraphs.get(position=1), quote="Paragraph 1")
    )
    client.force_login(annotation.author)
    response = client.get(reverse("annotations:reattach", args=[annotation.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<h1") == 1 and "Re-attach an orphaned annotation</h1>" in page
    assert page.count('<form method="post" novalidate>') == 1
    assert page.count('<li value="') == 3  # the editorial's paragraphs, each once
    assert len(page) < 20_000

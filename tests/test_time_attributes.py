"""Every `<time datetime>` on the reading and annotation pages holds a value HTML accepts: a
date, or a date and time to the second (at most three digits of a fraction) with an offset.
Django's `date:"c"` wrote six digits of microseconds, which validators refuse."""

import re
from zoneinfo import ZoneInfo

import pytest

from annotations.services import annotation_hide
from tests.factories import annotation_factory, article_factory, user_factory

pytestmark = pytest.mark.django_db

TIME_ATTRIBUTE = re.compile(r'<time datetime="([^"]*)"')
# HTML's "valid date string" and "valid global date and time string"
# (https://html.spec.whatwg.org/multipage/text-level-semantics.html#datetime-value).
VALID = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})"
)


def time_values(response) -> list[str]:
    assert response.status_code == 200
    return TIME_ATTRIBUTE.findall(response.content.decode())


@pytest.fixture
def annotated_article():
    article = article_factory(title="Seoul and Tokyo on the summit", revised_at=None)
    paragraph = article.paragraphs.first()
    note = annotation_factory(paragraph=paragraph, body="A note with a time.")
    moderator = user_factory("moderator")
    hidden = annotation_factory(paragraph=paragraph, body="A note to hide.")
    annotation_hide(annotation=hidden, actor=moderator, reason="Off topic.")
    return article, note, moderator


def test_every_page_writes_times_html_accepts(client, annotated_article):
    article, note, moderator = annotated_article
    client.force_login(moderator)
    pages = [
        "/",
        article.get_absolute_url(),
        f"/annotations/{note.pk}/",
        "/annotations/",
        "/annotations/moderation/",
        "/search/?q=summit",
    ]
    seen = {page: time_values(client.get(page)) for page in pages}

    # Each page has times to check, and none is refused.
    assert all(seen.values()), {page: values for page, values in seen.items() if not values}
    invalid = {
        page: [value for value in values if not VALID.fullmatch(value)]
        for page, values in seen.items()
    }
    assert not any(invalid.values()), invalid


def test_a_time_is_local_and_to_the_second(client, annotated_article):
    _, note, _ = annotated_article
    values = time_values(client.get(f"/annotations/{note.pk}/"))

    local = note.created_at.astimezone(ZoneInfo("Asia/Seoul"))
    assert local.replace(microsecond=0).isoformat() in values

"""The per-month mention counts follow every way mentions and editorials' dates are written.

`MentionMonth` is kept by database triggers; these tests write the way the tagger, the
admin's merge, a corrected date and deletions do, and compare the table with a count made
from the mentions themselves.
"""

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.mention_months import mention_months_rebuild
from articles.models import Article, Leader, Mention, MentionMonth
from tests.factories import article_factory

pytestmark = pytest.mark.django_db


def counted() -> dict[tuple[str, int, str], int]:
    """The table's non-zero counts by (kind, entity id, "YYYY-MM")."""
    return {
        (kind, entity_id, f"{month:%Y-%m}"): n
        for kind, entity_id, month, n in MentionMonth.objects.filter(mentions__gt=0).values_list(
            "kind", "entity_id", "month", "mentions"
        )
    }


def expected() -> dict[tuple[str, int, str], int]:
    """The same counted from the mentions and their editorials' local dates."""
    counts = Counter()
    for mention in Mention.objects.select_related("article"):
        month = timezone.localtime(mention.article.published_at).strftime("%Y-%m")
        counts[mention.kind, mention.entity_id, month] += 1
    return dict(counts)


def mention(article: Article, leader: Leader, position: int = 1) -> Mention:
    return Mention.objects.create(
        paragraph=article.paragraphs.get(position=position),
        start=0,
        end=5,
        kind="leader",
        leader=leader,
    )


@pytest.fixture
def lee():
    return Leader.objects.create(name="Lee Jae-myung")


def test_mentions_written_one_by_one_and_in_bulk_are_counted_in_their_local_month(lee):
    # 20:00 UTC on 31 January is 1 February in Seoul.
    article = article_factory(published_at=datetime(2026, 1, 31, 20, tzinfo=UTC))
    mention(article, lee)
    Mention.objects.bulk_create(
        Mention(paragraph=p, article=article, start=0, end=5, kind="leader", leader=lee)
        for p in article.paragraphs.all()
    )

    assert counted() == {("leader", lee.pk, "2026-02"): 4}
    assert counted() == expected()


def test_deleted_mentions_and_editorials_leave_the_counts(lee):
    kept = article_factory(published_at=datetime(2026, 3, 2, tzinfo=UTC))
    gone = article_factory(published_at=datetime(2026, 3, 3, tzinfo=UTC))
    mention(kept, lee)
    mention(kept, lee, position=2)
    mention(gone, lee)

    Mention.objects.in_articles([kept.pk]).filter(paragraph__position=2).delete()
    gone.delete()

    assert counted() == {("leader", lee.pk, "2026-03"): 1}


def test_a_merge_moves_the_counts_to_the_entity_kept(lee):
    double = Leader.objects.create(name="Lee Jaemyung")
    article = article_factory(published_at=datetime(2026, 3, 2, tzinfo=UTC))
    mention(article, lee)
    mention(article, double, position=2)

    Mention.objects.filter(leader=double).update(leader=lee)

    assert counted() == {("leader", lee.pk, "2026-03"): 2}


def test_a_corrected_date_moves_the_editorials_mentions_to_their_new_month(lee):
    article = article_factory(published_at=datetime(2026, 3, 2, tzinfo=UTC))
    other = article_factory(published_at=datetime(2026, 3, 5, tzinfo=UTC))
    mention(article, lee)
    mention(article, lee, position=2)
    mention(other, lee)

    Article.objects.filter(pk=article.pk).update(published_at=datetime(2026, 4, 1, tzinfo=UTC))

    assert counted() == {("leader", lee.pk, "2026-03"): 1, ("leader", lee.pk, "2026-04"): 2}
    assert counted() == expected()


def test_a_rebuild_counts_what_the_triggers_counted(lee):
    for day in (2, 20, 40):
        article = article_factory(published_at=datetime(2026, 1, 1, tzinfo=UTC).replace(day=1))
        Article.objects.filter(pk=article.pk).update(
            published_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=day)
        )
        mention(Article.objects.get(pk=article.pk), lee)
    by_triggers = counted()

    with connection.cursor() as cursor:
        mention_months_rebuild(cursor, connection)

    assert counted() == by_triggers == expected()

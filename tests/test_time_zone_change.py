"""After TIME_ZONE changes, the system checks say which counts are in the old zone, and the
commands they name count them again in the new one.

The mention-month and facet-year triggers carry the zone in their SQL; these tests change
TIME_ZONE from the archive's Asia/Seoul to Europe/London on an editorial published at 20:00
UTC on 31 December, which is New Year's Day in Seoul and still New Year's Eve in London.
"""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from articles.checks import mention_months_zone_check
from articles.models import Leader, Mention, MentionMonth
from search.checks import facet_years_zone_check
from search.facet_table import TABLE, YEAR
from tests.factories import article_factory

pytestmark = pytest.mark.django_db
LONDON = override_settings(TIME_ZONE="Europe/London")
CHECKS = (mention_months_zone_check, facet_years_zone_check)


def warnings() -> list[str]:
    return [w.id for check in CHECKS for w in check(databases=["default"])]


def months() -> list[str]:
    return [
        f"{m:%Y-%m}"
        for m in MentionMonth.objects.filter(mentions__gt=0).values_list("month", flat=True)
    ]


def facet_years() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {TABLE} WHERE kind = %s", [YEAR])
        return [year for (year,) in cursor.fetchall()]


@pytest.fixture
def new_years_eve():
    """An editorial of 31 December 2025, 20:00 UTC, with one mention of a leader."""
    article = article_factory(published_at=datetime(2025, 12, 31, 20, tzinfo=UTC))
    Mention.objects.create(
        paragraph=article.paragraphs.first(),
        start=0,
        end=5,
        kind="leader",
        leader=Leader.objects.create(name="Lee Jae-myung"),
    )
    return article


def test_the_triggers_written_by_migrate_count_in_the_configured_zone(new_years_eve):
    assert warnings() == []


def test_a_new_time_zone_is_reported_until_each_command_counts_again(new_years_eve):
    assert months() == ["2026-01"] and facet_years() == [2026]
    with LONDON:
        assert warnings() == ["articles.W001", "search.W001"]

        call_command("rebuild_mention_months", stdout=StringIO())
        assert warnings() == ["search.W001"]
        assert months() == ["2025-12"]

        call_command("rebuild_search_index", stdout=StringIO())
        assert warnings() == []
        assert facet_years() == [2025]


def test_the_warning_names_the_database_and_the_command(new_years_eve):
    with LONDON:
        (warning,) = mention_months_zone_check(databases=["default"])

    assert "'default'" in warning.msg and "Europe/London" in warning.msg
    assert "rebuild_mention_months" in warning.hint

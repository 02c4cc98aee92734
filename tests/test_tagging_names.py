"""Names editorials use that the gazetteer's titles, aliases and shields must get right."""

from datetime import date

import pytest

from articles.gazetteer.loading import gazetteer_load
from articles.models import Country, Leader
from articles.tagging import matcher_current

pytestmark = pytest.mark.django_db


@pytest.fixture
def found(db):
    """A function giving (text, entity name) of each mention in `text` on `day`."""
    gazetteer_load()
    matcher = matcher_current()
    names = {
        "leader": dict(Leader.objects.values_list("id", "name")),
        "country": dict(Country.objects.values_list("id", "name")),
    }

    def mentions(text: str, day: date) -> list[tuple[str, str]]:
        return [
            (text[m.start : m.end], names[m.target.kind][m.target.id])
            for m in matcher.find(text, day)
            if m.target.kind in names
        ]

    return mentions


@pytest.mark.parametrize(
    ("day", "leader"), [(date(2009, 5, 25), "Kim Jong-il"), (date(2025, 10, 1), "Kim Jong-un")]
)
def test_north_korean_leader_kim_is_the_ruler_of_the_day(found, day, leader):
    assert ("North Korean leader Kim", leader) in found(
        "North Korean leader Kim staged a test.", day
    )


def test_the_country_in_a_title_is_mentioned_with_its_holder(found):
    mentions = found("North Korean leader Kim staged a test.", date(2025, 10, 1))

    assert mentions == [("North Korean", "North Korea"), ("North Korean leader Kim", "Kim Jong-un")]


def test_a_leader_kim_of_anywhere_else_is_nobody(found):
    assert found("Opposition leader Kim spoke in Seoul.", date(2025, 10, 1)) == [
        ("Seoul", "South Korea")
    ]


def test_the_spellings_news_agencies_use_for_zelensky_are_his(found):
    mentions = found("President Zelenskyy met President Zelenskiy's envoy.", date(2025, 3, 1))

    assert [name for _, name in mentions] == ["Volodymyr Zelensky", "Volodymyr Zelensky"]


def test_a_sentence_about_family_reunions_is_not_about_reunion_island(found):
    text = "Reunion of separated families resumed. Reunion talks stalled. Réunion is French."

    assert [name for _, name in found(text, date(2025, 3, 1))] == ["Réunion", "France"]
